-- The headers a replay must repeat (Content-Type, Location, ETag), one "name: value" per line.
ALTER TABLE idempotency_record ADD COLUMN response_headers TEXT;
