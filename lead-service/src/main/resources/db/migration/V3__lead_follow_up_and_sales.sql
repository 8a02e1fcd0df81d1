-- DOMAIN.md §2: what a lead carries while it is worked, its history, the overdue flags, defeat
-- requests and the sales order that ends in a delivery.

ALTER TABLE lead
    ADD COLUMN brand            VARCHAR(64),
    ADD COLUMN series           VARCHAR(64),
    ADD COLUMN model            VARCHAR(64),
    -- When the next follow-up is due (set from the grade's cadence); the overdue scan reads it.
    ADD COLUMN next_due_at      TIMESTAMPTZ,
    -- Lead response time: capture -> first follow-up a person made.
    ADD COLUMN first_contact_at TIMESTAMPTZ,
    ADD COLUMN response_minutes INTEGER,
    -- The stage a defeat request interrupted, so a returned request goes back to it.
    ADD COLUMN stage_before_defeat VARCHAR(24),
    ADD COLUMN updated_at       TIMESTAMPTZ NOT NULL DEFAULT now();

ALTER TABLE lead ADD CONSTRAINT lead_stage_check CHECK (stage IN
    ('NEW', 'CONTACTED', 'TEST_DRIVE', 'QUOTED', 'ORDERED', 'DELIVERED', 'DEFEAT_REQUESTED', 'DEFEATED'));

-- The overdue scan: open leads by due time.
CREATE INDEX lead_due_idx ON lead (next_due_at) WHERE stage NOT IN ('DELIVERED', 'DEFEATED');

-- Every grade change with its reason (raising publishes lead upgraded, lowering lead downgraded).
CREATE TABLE lead_grade_change (
    id         BIGSERIAL PRIMARY KEY,
    lead_id    UUID        NOT NULL REFERENCES lead (id),
    from_grade VARCHAR(1)  NOT NULL,
    to_grade   VARCHAR(1)  NOT NULL,
    reason     TEXT        NOT NULL,
    changed_by VARCHAR(64) NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_grade_change_lead_idx ON lead_grade_change (lead_id, id);

CREATE TABLE follow_up (
    id            UUID PRIMARY KEY,
    lead_id       UUID        NOT NULL REFERENCES lead (id),
    store_id      VARCHAR(64) NOT NULL,
    consultant_id VARCHAR(64) NOT NULL,
    channel       VARCHAR(16) NOT NULL CHECK (channel IN ('VISIT', 'PHONE', 'STORE_VISIT', 'MAIL', 'SMS', 'WECHAT')),
    content       TEXT        NOT NULL,
    outcome       TEXT,
    next_step     TEXT,
    done_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX follow_up_lead_idx ON follow_up (lead_id, done_at);

-- Assignment history: who had the lead, who gave it to whom and why.
CREATE TABLE lead_assignment (
    id                     BIGSERIAL PRIMARY KEY,
    lead_id                UUID        NOT NULL REFERENCES lead (id),
    consultant_id          VARCHAR(64) NOT NULL,
    previous_consultant_id VARCHAR(64),
    assigned_by            VARCHAR(64) NOT NULL,
    reason                 TEXT,
    assigned_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_assignment_lead_idx ON lead_assignment (lead_id, id);

-- Round-robin pointer per store: the consultant who got the last automatic assignment.
CREATE TABLE round_robin (
    store_id           VARCHAR(64) PRIMARY KEY,
    last_consultant_id VARCHAR(64) NOT NULL
);

-- One row per lead, due time and level. The key makes each overdue flag happen exactly once,
-- whichever replica's scan gets there first and however often scans run or restart.
CREATE TABLE overdue_notice (
    lead_id     UUID        NOT NULL REFERENCES lead (id),
    due_at      TIMESTAMPTZ NOT NULL,
    level       VARCHAR(12) NOT NULL CHECK (level IN ('CONSULTANT', 'MANAGER')),
    notified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lead_id, due_at, level)
);

CREATE TABLE defeat_request (
    id            UUID PRIMARY KEY,
    lead_id       UUID         NOT NULL REFERENCES lead (id),
    store_id      VARCHAR(64)  NOT NULL,
    reason        VARCHAR(24)  NOT NULL
        CHECK (reason IN ('PRICE', 'COMPETITOR', 'FINANCE_REFUSED', 'NEED_GONE', 'LOST_CONTACT', 'OTHER')),
    competitor    VARCHAR(128),
    note          TEXT,
    requested_by  VARCHAR(64)  NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status        VARCHAR(12)  NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED', 'APPROVED', 'RETURNED')),
    decided_by    VARCHAR(64),
    decided_at    TIMESTAMPTZ,
    decision_note TEXT
);
-- At most one open request per lead.
CREATE UNIQUE INDEX defeat_request_open_idx ON defeat_request (lead_id) WHERE status = 'REQUESTED';
CREATE INDEX defeat_request_store_idx ON defeat_request (store_id, requested_at);

CREATE TABLE sales_order (
    id            UUID PRIMARY KEY,
    store_id      VARCHAR(64)   NOT NULL,
    lead_id       UUID          NOT NULL REFERENCES lead (id),
    customer_id   UUID,
    consultant_id VARCHAR(64),
    status        VARCHAR(12)   NOT NULL
        CHECK (status IN ('ORDERED', 'ALLOCATED', 'INSPECTED', 'DELIVERED', 'CANCELLED')),
    brand         VARCHAR(64)   NOT NULL,
    series        VARCHAR(64),
    model         VARCHAR(64)   NOT NULL,
    price         NUMERIC(12, 2) NOT NULL CHECK (price > 0),
    currency      VARCHAR(3)    NOT NULL DEFAULT 'CNY',
    deposit       NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (deposit >= 0),
    finance       BOOLEAN       NOT NULL DEFAULT false,
    insurance     BOOLEAN       NOT NULL DEFAULT false,
    trade_in_vin  VARCHAR(17),
    vin           VARCHAR(17),
    inspected_at  TIMESTAMPTZ,
    delivered_on  DATE,
    cancel_reason TEXT,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version       BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX sales_order_store_idx ON sales_order (store_id, id);
CREATE INDEX sales_order_lead_idx ON sales_order (lead_id);
-- A car is allocated to one live order at a time.
CREATE UNIQUE INDEX sales_order_vin_idx ON sales_order (vin) WHERE status <> 'CANCELLED';
