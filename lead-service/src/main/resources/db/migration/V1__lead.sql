-- A sales lead. The customer lives in customer-service: only its id is kept here.
CREATE TABLE lead (
    id            UUID PRIMARY KEY,
    store_id      VARCHAR(64) NOT NULL,
    customer_id   UUID,
    consultant_id VARCHAR(64),
    source        VARCHAR(32) NOT NULL,
    grade         VARCHAR(1)  NOT NULL DEFAULT 'C' CHECK (grade IN ('O', 'H', 'A', 'B', 'C')),
    stage         VARCHAR(24) NOT NULL DEFAULT 'NEW',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    version       BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX lead_store_idx ON lead (store_id, id);
CREATE INDEX lead_consultant_idx ON lead (consultant_id, id);
