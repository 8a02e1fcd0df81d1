-- lead-service's own view of the customers it has heard of on customer-events
-- (ids and business facts only; contact details stay in customer-service).
CREATE TABLE known_customer (
    customer_id   UUID PRIMARY KEY,
    store_id      VARCHAR(64) NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);
