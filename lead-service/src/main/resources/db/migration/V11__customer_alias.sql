-- A customer merged into another, as lead-service heard it (forecourt.customer.merged.v1): a lead
-- captured later for the merged id goes to the survivor, and chained merges (A into B, then B into C)
-- end at the last survivor whatever order their events arrive in (they are keyed by different
-- survivors, so they may come on different partitions). Kept flat: a survivor is never itself an alias.
CREATE TABLE customer_alias (
    merged_id   UUID PRIMARY KEY,
    survivor_id UUID NOT NULL,
    merge_id    UUID NOT NULL
);
CREATE INDEX customer_alias_survivor_idx ON customer_alias (survivor_id);
