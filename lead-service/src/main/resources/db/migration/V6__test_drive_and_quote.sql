-- DOMAIN.md §2 sales flow: test drive (licence checked, car, slot, route, feedback) and quote.

-- Equality on text inside a GiST exclusion constraint (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE test_drive (
    id             UUID PRIMARY KEY,
    store_id       VARCHAR(64)  NOT NULL,
    lead_id        UUID         NOT NULL REFERENCES lead (id),
    consultant_id  VARCHAR(64),
    vin            VARCHAR(17)  NOT NULL,
    brand          VARCHAR(64),
    series         VARCHAR(64),
    model          VARCHAR(64),
    slot_start     TIMESTAMPTZ  NOT NULL,
    slot_end       TIMESTAMPTZ  NOT NULL CHECK (slot_end > slot_start),
    route          VARCHAR(500),
    -- The licence number, AES-GCM sealed; only its masked form is readable.
    licence_enc    BYTEA        NOT NULL,
    licence_masked VARCHAR(18)  NOT NULL,
    licence_expiry DATE         NOT NULL,
    status         VARCHAR(9)   NOT NULL CHECK (status IN ('BOOKED', 'COMPLETED', 'CANCELLED')),
    rating         INTEGER      CHECK (rating BETWEEN 1 AND 5),
    feedback       TEXT,
    completed_at   TIMESTAMPTZ,
    cancel_reason  TEXT,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version        BIGINT       NOT NULL DEFAULT 0,
    -- A demonstration car is in one place at a time: slots of the same car never overlap, even
    -- when two consultants book at the same moment. A cancelled drive gives its slot back.
    CONSTRAINT test_drive_car_slot_free EXCLUDE USING gist
        (vin WITH =, tstzrange(slot_start, slot_end) WITH &&) WHERE (status <> 'CANCELLED')
);
CREATE INDEX test_drive_lead_idx ON test_drive (lead_id);
CREATE INDEX test_drive_store_idx ON test_drive (store_id, id);

CREATE TABLE quote (
    id            UUID PRIMARY KEY,
    store_id      VARCHAR(64)    NOT NULL,
    lead_id       UUID           NOT NULL REFERENCES lead (id),
    consultant_id VARCHAR(64),
    brand         VARCHAR(64)    NOT NULL,
    series        VARCHAR(64),
    model         VARCHAR(64)    NOT NULL,
    list_price    NUMERIC(12, 2) NOT NULL CHECK (list_price > 0),
    discount      NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < list_price),
    currency      VARCHAR(3)     NOT NULL DEFAULT 'CNY',
    valid_until   DATE           NOT NULL,
    note          TEXT,
    created_at    TIMESTAMPTZ    NOT NULL DEFAULT now(),
    version       BIGINT         NOT NULL DEFAULT 0
);
CREATE INDEX quote_lead_idx ON quote (lead_id, created_at);
