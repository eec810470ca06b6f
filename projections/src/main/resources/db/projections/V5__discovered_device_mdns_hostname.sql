-- The host name a discovered device announced for its address by mDNS (DeviceSeen.hostname, the
-- latest one recorded; docs/projections.md, "discovered_device"). Null until one is heard.
-- Portable: H2 and PostgreSQL.
ALTER TABLE discovered_device ADD COLUMN mdns_hostname VARCHAR(255);
