-- Identifier hashes and VINs written outside bulk imports, kept for a day (ImportJobs deletes older
-- ones). A large import loads the keys present when it starts into a filter held in memory and asks
-- the database only about the keys the filter may hold (imports/KnownKeys): measured with the import
-- bench, probing every phone, ID number and VIN of a million rows was a quarter of the import's time.
-- Before each chunk it reads this log, so a customer registered or given a phone while it runs is
-- still matched. An import marks its own transactions (forecourt.bulk_import) and is not logged:
-- its keys go into its filter directly, and a second import running at the same time turns the
-- filter off (KnownKeys.stillValid).
CREATE TABLE key_added (
    value_hash BYTEA,
    vin        VARCHAR(17),
    added_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX key_added_at_idx ON key_added (added_at);

CREATE FUNCTION log_key_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'customer_identifier' THEN
        INSERT INTO key_added (value_hash) VALUES (NEW.value_hash);
    ELSE
        INSERT INTO key_added (vin) VALUES (NEW.vin);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER customer_identifier_key_added AFTER INSERT OR UPDATE OF value_hash ON customer_identifier
    FOR EACH ROW WHEN (current_setting('forecourt.bulk_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION log_key_added();
CREATE TRIGGER vehicle_key_added AFTER INSERT OR UPDATE OF vin ON vehicle
    FOR EACH ROW WHEN (current_setting('forecourt.bulk_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION log_key_added();
