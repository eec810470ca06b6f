-- Network discovery (docs/projections.md, "discovered_device"): every device heard claiming an
-- address by ARP on a served link (DeviceSeen), one row per subnet, address and MAC, kept by the
-- projection "leases" beside the current leases and reservations it is compared with. first_seen
-- and last_seen are the times of the first and the latest record; a device that stays on the link
-- is recorded once an hour, so last_seen is at most an hour behind. records counts them. iface is
-- the interface of the latest record. Portable: H2 and PostgreSQL.
CREATE TABLE discovered_device (
    subnet      VARCHAR(18)  NOT NULL,
    address     VARCHAR(15)  NOT NULL,
    address_num BIGINT       NOT NULL,
    mac         VARCHAR(64)  NOT NULL,
    iface       VARCHAR(15)  NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    records     BIGINT       NOT NULL,
    CONSTRAINT pk_discovered_device PRIMARY KEY (subnet, address_num, mac)
);
CREATE INDEX ix_discovered_device_mac ON discovered_device (mac);
