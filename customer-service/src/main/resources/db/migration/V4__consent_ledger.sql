-- Consent ledger (DOMAIN.md §1): every grant and withdrawal, per channel and purpose, with its
-- source and time. The current answer is the latest entry for the pair; nothing is updated.
CREATE TABLE consent_entry (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id UUID         NOT NULL REFERENCES customer (id),
    channel     VARCHAR(8)   NOT NULL CHECK (channel IN ('SMS', 'PHONE', 'EMAIL', 'WECHAT', 'MAIL')),
    purpose     VARCHAR(24)  NOT NULL CHECK (purpose IN ('SERVICE_REMINDERS', 'MARKETING', 'SURVEYS')),
    granted     BOOLEAN      NOT NULL,
    source      VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    recorded_by VARCHAR(128) NOT NULL
);
CREATE INDEX consent_entry_lookup_idx ON consent_entry (customer_id, channel, purpose, id DESC);
