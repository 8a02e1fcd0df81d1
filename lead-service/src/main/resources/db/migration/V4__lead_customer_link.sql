-- A lead captured while customer-service was unreachable keeps the prospect's contact, sealed
-- (AES-GCM, platform PiiCrypto), until the linker has found or created its customer; then the
-- contact is erased and only the customer id stays.
ALTER TABLE lead
    ADD COLUMN contact_enc   BYTEA,
    ADD COLUMN link_attempts INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN link_failure  TEXT;

CREATE INDEX lead_unlinked_idx ON lead (created_at) WHERE customer_id IS NULL AND contact_enc IS NOT NULL;
-- Folding: the open lead of a customer for a model in a store.
CREATE INDEX lead_customer_idx ON lead (customer_id, store_id, created_at) WHERE customer_id IS NOT NULL;
