-- The store manager's reports read a store's leads by capture time.
CREATE INDEX lead_store_created_idx ON lead (store_id, created_at);
CREATE INDEX follow_up_store_idx ON follow_up (store_id, done_at);
CREATE INDEX sales_order_store_created_idx ON sales_order (store_id, created_at);
