-- A customer complaint handled by a store.
CREATE TABLE complaint (
    id           UUID PRIMARY KEY,
    store_id     VARCHAR(64) NOT NULL,
    channel      VARCHAR(24) NOT NULL,
    category     VARCHAR(32) NOT NULL,
    status       VARCHAR(24) NOT NULL DEFAULT 'OPEN',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version      BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX complaint_store_idx ON complaint (store_id, id);
