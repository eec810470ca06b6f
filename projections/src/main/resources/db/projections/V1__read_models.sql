-- The read models of LeaseLedger (docs/projections.md). Portable DDL: the same script runs on
-- H2 (DATABASE_TO_LOWER=TRUE) and PostgreSQL, and jOOQ's DDLDatabase generates the table
-- classes from it at build time. Addresses are kept twice: dotted quad for people, and as an
-- unsigned number (address_num) for ordering and range tests. Times are UTC instants; a null
-- expiry means an infinite lease.

-- Where each projection is: the source position (an opaque token of its source) committed in
-- the same transaction as the projection's rows.
CREATE TABLE projection_position (
    projection    VARCHAR(64)   NOT NULL,
    source        VARCHAR(64)   NOT NULL,
    token         VARCHAR(4000) NOT NULL,
    events        BIGINT        NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_projection_position PRIMARY KEY (projection)
);

-- The last event applied per subnet (the subnet aggregate's sequence number): a source that
-- delivers an event twice (Kafka, at least once) cannot apply it twice.
CREATE TABLE projection_subnet_position (
    projection    VARCHAR(64)  NOT NULL,
    subnet        VARCHAR(18)  NOT NULL,
    last_sequence BIGINT       NOT NULL,
    CONSTRAINT pk_projection_subnet_position PRIMARY KEY (projection, subnet)
);

-- Projection "subnets": what is configured.
CREATE TABLE subnet (
    subnet        VARCHAR(18)  NOT NULL,
    network_num   BIGINT       NOT NULL,
    prefix_length INTEGER      NOT NULL,
    managed       BOOLEAN      NOT NULL,
    authoritative BOOLEAN      NOT NULL,
    lease_seconds BIGINT       NOT NULL,
    removed       BOOLEAN      NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_subnet PRIMARY KEY (subnet)
);

CREATE TABLE address_range (
    subnet        VARCHAR(18)  NOT NULL,
    first_address VARCHAR(15)  NOT NULL,
    last_address  VARCHAR(15)  NOT NULL,
    first_num     BIGINT       NOT NULL,
    last_num      BIGINT       NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_address_range PRIMARY KEY (subnet, first_num, last_num, kind)
);

CREATE TABLE host_reservation (
    subnet        VARCHAR(18)  NOT NULL,
    mac           VARCHAR(64)  NOT NULL,
    address       VARCHAR(15)  NOT NULL,
    address_num   BIGINT       NOT NULL,
    hostname      VARCHAR(255),
    reserved_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_host_reservation PRIMARY KEY (subnet, mac)
);

-- Projection "current-leases": the last state of every address a client has touched.
-- state: OFFERED, BOUND, DECLINED (in probation), RELEASED, EXPIRED. An address whose offer was
-- withdrawn or whose probation ended has no row (it is free and nobody is remembered for it).
CREATE TABLE current_lease (
    subnet         VARCHAR(18)  NOT NULL,
    address        VARCHAR(15)  NOT NULL,
    address_num    BIGINT       NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    client_key     VARCHAR(600) NOT NULL,
    mac            VARCHAR(64)  NOT NULL,
    client_id      VARCHAR(800),
    hostname       VARCHAR(255),
    vendor_class   VARCHAR(255),
    relay          VARCHAR(15),
    circuit_id     VARCHAR(800),
    remote_id      VARCHAR(800),
    transaction_id VARCHAR(10)  NOT NULL,
    granted_at     TIMESTAMP WITH TIME ZONE,
    expires_at     TIMESTAMP WITH TIME ZONE,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_current_lease PRIMARY KEY (subnet, address_num)
);
CREATE INDEX ix_current_lease_mac ON current_lease (mac);
CREATE INDEX ix_current_lease_hostname ON current_lease (hostname);
CREATE INDEX ix_current_lease_state ON current_lease (state);

-- Projection "address-history": who held which address when, as intervals [valid_from, valid_to).
-- kind LEASE: from the grant to its release, expiry, decline or re-lease (renewals extend the
-- same interval); kind PROBATION: a declined address kept out of the pool. valid_to is null
-- while the interval is open; an open LEASE still ends at expires_at if nothing renews it.
-- opened_seq is the subnet's sequence number of the event that opened the interval.
CREATE TABLE address_interval (
    subnet         VARCHAR(18)  NOT NULL,
    opened_seq     BIGINT       NOT NULL,
    address        VARCHAR(15)  NOT NULL,
    address_num    BIGINT       NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    client_key     VARCHAR(600) NOT NULL,
    mac            VARCHAR(64)  NOT NULL,
    client_id      VARCHAR(800),
    hostname       VARCHAR(255),
    relay          VARCHAR(15),
    valid_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to       TIMESTAMP WITH TIME ZONE,
    expires_at     TIMESTAMP WITH TIME ZONE,
    renewals       INTEGER      NOT NULL,
    ended_by       VARCHAR(16),
    CONSTRAINT pk_address_interval PRIMARY KEY (subnet, opened_seq)
);
CREATE INDEX ix_address_interval_address ON address_interval (address_num, valid_from);
CREATE INDEX ix_address_interval_mac ON address_interval (mac, valid_from);

-- Projection "pool-usage": addresses of the dynamic ranges in use (offered, bound or declined),
-- per subnet and minute: the most in use during the minute and the number at its end.
CREATE TABLE pool_usage (
    subnet         VARCHAR(18)  NOT NULL,
    minute_epoch   BIGINT       NOT NULL,
    pool_size      BIGINT       NOT NULL,
    peak_in_use    BIGINT       NOT NULL,
    last_in_use    BIGINT       NOT NULL,
    CONSTRAINT pk_pool_usage PRIMARY KEY (subnet, minute_epoch)
);

-- Projection "transaction-log": every decision, one row per lease event.
-- decision: OFFER, GRANT, NAK, DECLINE, RELEASE, EXPIRY, OFFER_WITHDRAWN, PROBATION_ENDED,
-- POOL_EXHAUSTED; detail: the grant kind, NAK reason or withdrawal reason.
CREATE TABLE transaction_log (
    subnet         VARCHAR(18)  NOT NULL,
    seq            BIGINT       NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decision       VARCHAR(16)  NOT NULL,
    detail         VARCHAR(32),
    address        VARCHAR(15),
    address_num    BIGINT,
    mac            VARCHAR(64)  NOT NULL,
    client_id      VARCHAR(800),
    hostname       VARCHAR(255),
    vendor_class   VARCHAR(255),
    relay          VARCHAR(15),
    circuit_id     VARCHAR(800),
    remote_id      VARCHAR(800),
    transaction_id VARCHAR(10)  NOT NULL,
    lease_seconds  BIGINT,
    expires_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_transaction_log PRIMARY KEY (subnet, seq)
);
CREATE INDEX ix_transaction_log_at ON transaction_log (decided_at);
CREATE INDEX ix_transaction_log_mac ON transaction_log (mac);
