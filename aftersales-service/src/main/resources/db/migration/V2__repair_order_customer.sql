ALTER TABLE repair_order ADD COLUMN customer_id UUID;
