-- Each consultant's monthly targets, set by a manager; the consultants report puts the actuals
-- beside them ("three tables and a card": target vs actual).
CREATE TABLE consultant_target (
    store_id      VARCHAR(64) NOT NULL,
    consultant_id VARCHAR(64) NOT NULL,
    month         DATE        NOT NULL CHECK (extract(DAY FROM month) = 1),
    leads         INTEGER     NOT NULL CHECK (leads >= 0),
    orders        INTEGER     NOT NULL CHECK (orders >= 0),
    deliveries    INTEGER     NOT NULL CHECK (deliveries >= 0),
    set_by        VARCHAR(64) NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, consultant_id, month)
);
