-- A repair order (维修委托单) opened for a vehicle at a store.
CREATE TABLE repair_order (
    id           UUID PRIMARY KEY,
    store_id     VARCHAR(64) NOT NULL,
    vin          VARCHAR(17) NOT NULL,
    order_type   VARCHAR(24) NOT NULL,
    status       VARCHAR(24) NOT NULL DEFAULT 'OPEN',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version      BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX repair_order_store_idx ON repair_order (store_id, id);
