-- The transaction log keyed by a number of its own (docs/projections.md, "transaction_log").
-- A single BIGINT primary key is H2's row key; the composite (subnet, seq) key of V1 was a
-- hidden row id plus a unique index of its own, two B-tree inserts per row on the busiest
-- table of a rebuild. id is the row's place in the order this database applied the events
-- (1, 2, 3, ...); no query reads it. (subnet, seq) stays unique because the runner applies an
-- event only when its sequence number is above the subnet's last one applied
-- (projection_subnet_position, committed with the rows). Portable: H2 and PostgreSQL.

-- The rows are kept: numbered in the order of the log's own paging, then the V1 table is gone.
DROP INDEX ix_transaction_log_at;
DROP INDEX ix_transaction_log_mac;
ALTER TABLE transaction_log DROP CONSTRAINT pk_transaction_log;
ALTER TABLE transaction_log RENAME TO transaction_log_v1;

CREATE TABLE transaction_log (
    id             BIGINT       NOT NULL,
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
    CONSTRAINT pk_transaction_log PRIMARY KEY (id)
);

INSERT INTO transaction_log (id, subnet, seq, decided_at, decision, detail, address, address_num, mac, client_id,
                             hostname, vendor_class, relay, circuit_id, remote_id, transaction_id, lease_seconds,
                             expires_at)
SELECT ROW_NUMBER() OVER (ORDER BY decided_at, subnet, seq), subnet, seq, decided_at, decision, detail, address,
       address_num, mac, client_id, hostname, vendor_class, relay, circuit_id, remote_id, transaction_id,
       lease_seconds, expires_at
FROM transaction_log_v1;

DROP TABLE transaction_log_v1;

CREATE INDEX ix_transaction_log_at ON transaction_log (decided_at);
CREATE INDEX ix_transaction_log_mac ON transaction_log (mac);
