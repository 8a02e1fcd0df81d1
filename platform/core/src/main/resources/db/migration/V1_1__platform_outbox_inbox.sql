-- Platform tables every service has (shipped by platform-core, run by each service's Flyway).
-- Platform migrations are numbered V1_<n>; a service's own are V1, V2, V3, ...

-- Transactional outbox: a state change and its event commit together; the relay publishes
-- rows in seq order per aggregate and deletes them once Kafka has acknowledged them.
CREATE TABLE outbox_event (
    seq            BIGSERIAL    PRIMARY KEY,
    id             UUID         NOT NULL UNIQUE,
    aggregate_type VARCHAR(64)  NOT NULL,
    aggregate_id   VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(128) NOT NULL,
    topic          VARCHAR(128) NOT NULL,
    payload        JSONB        NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX outbox_event_aggregate_idx ON outbox_event (aggregate_id, seq);

-- Wakes the relay when a transaction that wrote events commits (NOTIFY is delivered on commit).
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Idempotent consumer: an event id is recorded in the same transaction as its effect.
CREATE TABLE inbox_event (
    event_id    UUID         PRIMARY KEY,
    event_type  VARCHAR(128) NOT NULL,
    source      VARCHAR(200),
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
