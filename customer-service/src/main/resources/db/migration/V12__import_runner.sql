-- Import jobs run on the replica that took the upload (its spool file is local). Each replica
-- records a sign of life every few seconds; a job is failed as interrupted only when its replica
-- has stopped (a replica starting again under the same name, or one silent for a minute), not when
-- any replica starts, which used to fail every other replica's running imports.
CREATE TABLE import_runner (
    id      VARCHAR(128) PRIMARY KEY, -- host:pid
    seen_at TIMESTAMPTZ  NOT NULL
);
ALTER TABLE import_job ADD COLUMN runner VARCHAR(128);
-- The last chunk transaction that committed, by a token the worker chose for it: after a connection
-- lost during COMMIT, the worker reads it to learn whether the chunk landed before trying again.
ALTER TABLE import_job ADD COLUMN last_chunk UUID;
