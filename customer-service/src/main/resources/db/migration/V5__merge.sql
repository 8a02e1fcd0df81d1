-- Merges: which record survived, which values won and why, and what moved, so a manager can
-- undo it exactly.
CREATE TABLE customer_merge (
    id           UUID         PRIMARY KEY,
    store_id     VARCHAR(64)  NOT NULL,
    survivor_id  UUID         NOT NULL REFERENCES customer (id),
    merged_id    UUID         NOT NULL REFERENCES customer (id),
    decisions    JSONB        NOT NULL,
    undo_data    JSONB        NOT NULL,
    merged_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    merged_by    VARCHAR(128) NOT NULL,
    undone_at    TIMESTAMPTZ,
    undone_by    VARCHAR(128),
    undo_reason  VARCHAR(512),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX customer_merge_survivor_idx ON customer_merge (survivor_id);
CREATE INDEX customer_merge_merged_idx ON customer_merge (merged_id);
CREATE INDEX customer_merge_store_idx ON customer_merge (store_id, id);
