-- The customer record (DOMAIN.md §1). Personal data is never stored in plaintext: names,
-- street addresses, phones, emails and ID-card numbers are AES-GCM envelopes (bytea, the key
-- id inside each envelope and, for identifiers, in key_id too so a rotation job can find them);
-- phones, emails and ID numbers also get an HMAC beside them for exact look-up.

ALTER TABLE customer
    ADD COLUMN name_enc               BYTEA,
    ADD COLUMN gender                 VARCHAR(8)  CHECK (gender IN ('MALE', 'FEMALE', 'OTHER')),
    ADD COLUMN birth_date             DATE,
    ADD COLUMN owner_category         VARCHAR(24) CHECK (owner_category IN ('PRIVATE', 'COMPANY_FLEET', 'TAXI', 'INSURANCE_ACCIDENT')),
    ADD COLUMN province               VARCHAR(64),
    ADD COLUMN city                   VARCHAR(64),
    ADD COLUMN district               VARCHAR(64),
    ADD COLUMN street_enc             BYTEA,
    ADD COLUMN latitude               NUMERIC(9, 6),
    ADD COLUMN longitude              NUMERIC(9, 6),
    ADD COLUMN occupation             VARCHAR(64),
    ADD COLUMN family_situation       VARCHAR(64),
    ADD COLUMN preferred_channel      VARCHAR(16),
    ADD COLUMN preferred_contact_time VARCHAR(64),
    ADD COLUMN interests              VARCHAR(512),
    ADD COLUMN lead_grade             VARCHAR(1)  CHECK (lead_grade IN ('O', 'H', 'A', 'B', 'C')),
    ADD COLUMN lost_stage             VARCHAR(24),
    ADD COLUMN vip                    BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN vip_reason             VARCHAR(256),
    ADD COLUMN value_tier             VARCHAR(16) NOT NULL DEFAULT 'POTENTIAL',
    ADD COLUMN merged_into            UUID,
    ADD COLUMN updated_at             TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE customer ADD CONSTRAINT customer_lifecycle_class_check
    CHECK (lifecycle_class IN ('POTENTIAL', 'INTENT', 'OWNER', 'OTHER_SOLD', 'OTHER_BRAND', 'DEFEATED', 'LOST'));

-- Phones, emails and ID numbers: several per customer, found by their keyed hash.
CREATE TABLE customer_identifier (
    id          UUID        PRIMARY KEY,
    customer_id UUID        NOT NULL REFERENCES customer (id),
    kind        VARCHAR(8)  NOT NULL CHECK (kind IN ('PHONE', 'EMAIL', 'ID_CARD')),
    value_enc   BYTEA       NOT NULL,
    key_id      VARCHAR(32) NOT NULL,
    value_hash  BYTEA       NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The hash is keyed by kind (its context), so the hash alone finds a value of one kind.
CREATE INDEX customer_identifier_lookup_idx ON customer_identifier (value_hash);
CREATE INDEX customer_identifier_customer_idx ON customer_identifier (customer_id);

-- Every change to a customer: who, when, which field, old -> new (personal values masked).
CREATE TABLE customer_change (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id UUID         NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(128) NOT NULL,
    field       VARCHAR(64)  NOT NULL,
    old_value   VARCHAR(512),
    new_value   VARCHAR(512),
    reason      VARCHAR(512)
);
CREATE INDEX customer_change_customer_idx ON customer_change (customer_id, id);
CREATE INDEX customer_change_lifecycle_idx ON customer_change (field, changed_at) WHERE field = 'lifecycleClass';

-- Every read of a full (unmasked) record.
CREATE TABLE personal_data_access (
    id             BIGSERIAL    PRIMARY KEY,
    customer_id    UUID         NOT NULL,
    accessed_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor          VARCHAR(128) NOT NULL,
    actor_name     VARCHAR(128),
    correlation_id VARCHAR(128)
);
CREATE INDEX personal_data_access_customer_idx ON personal_data_access (customer_id, id);

-- Vehicles: the current owner on the row, earlier owners in vehicle_ownership.
CREATE TABLE vehicle (
    id                UUID         PRIMARY KEY,
    store_id          VARCHAR(64)  NOT NULL,
    vin               VARCHAR(17)  NOT NULL UNIQUE,
    owner_id          UUID         NOT NULL REFERENCES customer (id),
    owner_since       DATE,
    plate             VARCHAR(16),
    brand             VARCHAR(64),
    series            VARCHAR(64),
    model             VARCHAR(64),
    trim_level        VARCHAR(64),
    colour            VARCHAR(32),
    engine_number     VARCHAR(32),
    displacement      VARCHAR(16),
    production_date   DATE,
    registration_date DATE,
    purchase_date     DATE,
    sold_by_us        BOOLEAN      NOT NULL DEFAULT false,
    warranty_end      DATE,
    warranty_km       INTEGER,
    insurance_expiry  DATE,
    inspection_due    DATE,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version           BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX vehicle_owner_idx ON vehicle (owner_id);
CREATE INDEX vehicle_store_idx ON vehicle (store_id, id);

CREATE TABLE vehicle_ownership (
    id          BIGSERIAL   PRIMARY KEY,
    vehicle_id  UUID        NOT NULL REFERENCES vehicle (id),
    customer_id UUID        NOT NULL,
    owned_from  DATE,
    owned_until DATE        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX vehicle_ownership_vehicle_idx ON vehicle_ownership (vehicle_id, id);

CREATE TABLE odometer_reading (
    id         BIGSERIAL   PRIMARY KEY,
    vehicle_id UUID        NOT NULL REFERENCES vehicle (id),
    read_on    DATE        NOT NULL,
    km         INTEGER     NOT NULL CHECK (km >= 0),
    source     VARCHAR(32) NOT NULL
);
CREATE INDEX odometer_reading_vehicle_idx ON odometer_reading (vehicle_id, read_on);
