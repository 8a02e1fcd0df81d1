-- What customers bought and spent (from lead and aftersales events): the basis of the value
-- tier, points and lifetime value. One row per causing event (source_ref unique).
CREATE TABLE customer_activity (
    id          BIGSERIAL     PRIMARY KEY,
    customer_id UUID          NOT NULL REFERENCES customer (id),
    kind        VARCHAR(16)   NOT NULL CHECK (kind IN ('PURCHASE', 'SERVICE', 'PARTS', 'INSURANCE', 'FINANCE')),
    amount      NUMERIC(14,2) NOT NULL,
    currency    VARCHAR(3)    NOT NULL DEFAULT 'CNY',
    occurred_on DATE          NOT NULL,
    source_ref  VARCHAR(128)  NOT NULL UNIQUE
);
CREATE INDEX customer_activity_customer_idx ON customer_activity (customer_id, occurred_on);

-- Purchase referrals (VIP after 3 within a year).
CREATE TABLE customer_referral (
    id             BIGSERIAL    PRIMARY KEY,
    referrer_id    UUID         NOT NULL REFERENCES customer (id),
    referred_id    UUID,
    referred_at    TIMESTAMPTZ  NOT NULL,
    source_ref     VARCHAR(128) NOT NULL UNIQUE
);
CREATE INDEX customer_referral_referrer_idx ON customer_referral (referrer_id, referred_at);

-- Points: a balance that can never go below zero (the CHECK is the last line of defence under
-- concurrent redemptions) and a ledger where every movement names its cause.
CREATE TABLE loyalty_account (
    customer_id UUID   PRIMARY KEY REFERENCES customer (id),
    balance     BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0)
);

CREATE TABLE points_movement (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id UUID         NOT NULL REFERENCES customer (id),
    kind        VARCHAR(8)   NOT NULL CHECK (kind IN ('EARN', 'REDEEM', 'EXPIRE')),
    points      BIGINT       NOT NULL,
    cause_type  VARCHAR(64)  NOT NULL,
    cause_ref   VARCHAR(128) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ,
    recorded_by VARCHAR(128) NOT NULL,
    UNIQUE (customer_id, kind, cause_type, cause_ref)
);
CREATE INDEX points_movement_customer_idx ON points_movement (customer_id, id);
CREATE INDEX points_movement_expiry_idx ON points_movement (expires_at) WHERE kind = 'EARN';

-- Care touchpoints already published (birthday, holidays): once per customer, kind and day.
CREATE TABLE care_touchpoint (
    customer_id UUID        NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    on_day      DATE        NOT NULL,
    PRIMARY KEY (customer_id, kind, on_day)
);
