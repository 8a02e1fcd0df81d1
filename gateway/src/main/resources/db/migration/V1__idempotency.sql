-- Replies to creates made with an Idempotency-Key, so a client that retries gets the first
-- answer again instead of a second record (ARCHITECTURE.md, REST).
CREATE TABLE idempotency_record (
    idempotency_key VARCHAR(200) NOT NULL,
    principal       VARCHAR(64)  NOT NULL,
    method          VARCHAR(8)   NOT NULL,
    path            VARCHAR(400) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    status          INT,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);
