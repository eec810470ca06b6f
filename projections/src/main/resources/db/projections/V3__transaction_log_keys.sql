-- The transaction log's lookup keys in a narrow table of their own (docs/projections.md,
-- "transaction_log"). The log's two secondary indexes (time, MAC) now index transaction_log_key,
-- three columns, instead of the eighteen-column transaction_log: a rebuild drops them and builds
-- them at its end, and building an index reads and decodes every row of its table twice (H2
-- counts the rows, then sorts them). The key row shares the log row's id and is written in the
-- same transaction; the queries join the two by id. Portable: H2 and PostgreSQL.
DROP INDEX ix_transaction_log_at;
DROP INDEX ix_transaction_log_mac;

CREATE TABLE transaction_log_key (
    id         BIGINT       NOT NULL,
    decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
    mac        VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_transaction_log_key PRIMARY KEY (id)
);

INSERT INTO transaction_log_key (id, decided_at, mac)
SELECT id, decided_at, mac
FROM transaction_log;

CREATE INDEX ix_transaction_log_key_at ON transaction_log_key (decided_at);
CREATE INDEX ix_transaction_log_key_mac ON transaction_log_key (mac);
