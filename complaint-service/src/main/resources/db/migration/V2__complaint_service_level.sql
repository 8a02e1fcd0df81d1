-- Who complained and the service-level deadlines (DOMAIN.md §5) set when it was opened.
ALTER TABLE complaint ADD COLUMN customer_id UUID;
ALTER TABLE complaint ADD COLUMN acknowledge_by TIMESTAMPTZ;
ALTER TABLE complaint ADD COLUMN resolve_by TIMESTAMPTZ;
