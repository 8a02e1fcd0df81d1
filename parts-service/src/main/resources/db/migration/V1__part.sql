-- A part a store stocks: catalogue data for now, stock lots arrive with the parts issue.
CREATE TABLE part (
    id           UUID PRIMARY KEY,
    store_id     VARCHAR(64) NOT NULL,
    part_number  VARCHAR(40) NOT NULL,
    name         VARCHAR(200) NOT NULL,
    category     VARCHAR(24) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version      BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX part_store_idx ON part (store_id, id);
