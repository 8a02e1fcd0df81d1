-- Measured with the import benchmark (deploy/stack bench import) on 2 cores: per identifier and
-- vehicle row, the foreign-key check (an index probe and a row lock on the customer) and the
-- B-tree on random 32-byte HMACs were most of the database's cost of loading a million customers.
--
-- Identifiers and vehicles are written only by this service, in the transaction that writes or
-- reads their customer (register, update, import, merge, transfer), and customer rows are never
-- deleted (a merge marks the merged record), so these foreign keys guarded nothing the code can do.
ALTER TABLE customer_identifier DROP CONSTRAINT customer_identifier_customer_id_fkey;
ALTER TABLE vehicle DROP CONSTRAINT vehicle_owner_id_fkey;

-- Look-ups by keyed hash are equality only: a hash index (4-byte codes) is a third smaller than
-- the B-tree, and half the insert cost on random keys.
DROP INDEX customer_identifier_lookup_idx;
CREATE INDEX customer_identifier_lookup_idx ON customer_identifier USING hash (value_hash);
