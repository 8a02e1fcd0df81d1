-- A customer merge in customer-service re-points this service's references from the merged record
-- to the survivor (forecourt.customer.merged.v1). Each reference moved is kept here with its merge,
-- so that undoing the merge (forecourt.customer.merge-undone.v1) moves exactly those back, and only
-- where they still point at the survivor; references made to the survivor later stay with it.
CREATE TABLE customer_repoint (
    merge_id      UUID        NOT NULL,
    subject       VARCHAR(16) NOT NULL CHECK (subject IN ('LEAD', 'SALES_ORDER')),
    subject_id    UUID        NOT NULL,
    from_customer UUID        NOT NULL,
    to_customer   UUID        NOT NULL,
    moved_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    restored_at   TIMESTAMPTZ,
    PRIMARY KEY (merge_id, subject, subject_id)
);
-- Orders are found by their customer when a merge moves them (leads have lead_customer_idx).
CREATE INDEX sales_order_customer_idx ON sales_order (customer_id) WHERE customer_id IS NOT NULL;
