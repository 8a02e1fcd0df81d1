-- Bulk imports run as jobs: progress is readable while they run, rejected rows kept with their
-- reason for the downloadable report.
CREATE TABLE import_job (
    id          UUID         PRIMARY KEY,
    store_id    VARCHAR(64)  NOT NULL,
    format      VARCHAR(8)   NOT NULL CHECK (format IN ('CSV', 'NDJSON')),
    status      VARCHAR(12)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    rows_read   BIGINT       NOT NULL DEFAULT 0,
    imported    BIGINT       NOT NULL DEFAULT 0,
    merged      BIGINT       NOT NULL DEFAULT 0,
    rejected    BIGINT       NOT NULL DEFAULT 0,
    total_bytes BIGINT,
    bytes_read  BIGINT       NOT NULL DEFAULT 0,
    failure     VARCHAR(1024),
    submitted_by VARCHAR(128) NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version     BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX import_job_store_idx ON import_job (store_id, id);

CREATE TABLE import_rejection (
    job_id  UUID    NOT NULL REFERENCES import_job (id),
    line_no BIGINT  NOT NULL,
    reason  VARCHAR(512) NOT NULL,
    raw_enc BYTEA, -- the row as sent, sealed: it may hold personal data
    PRIMARY KEY (job_id, line_no)
);
