-- The customer record. Personal data (names, phones, ID numbers, emails) arrives with the
-- customer-record issue, encrypted; this first table holds only what is not personal.
CREATE TABLE customer (
    id              UUID PRIMARY KEY,
    store_id        VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL CHECK (kind IN ('INDIVIDUAL', 'COMPANY')),
    lifecycle_class VARCHAR(16)  NOT NULL DEFAULT 'POTENTIAL',
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version         BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX customer_store_idx ON customer (store_id, id);
