-- Every download of an import's rejected-rows report: it shows each rejected row as sent, personal
-- data in clear, so it is audited like the full read of a record (personal_data_access). No foreign
-- key to import_job: the trail outlives a job removed later.
CREATE TABLE import_report_access (
    id             BIGSERIAL    PRIMARY KEY,
    job_id         UUID         NOT NULL,
    accessed_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor          VARCHAR(128) NOT NULL,
    actor_name     VARCHAR(128),
    correlation_id VARCHAR(128)
);
CREATE INDEX import_report_access_job_idx ON import_report_access (job_id, id);
