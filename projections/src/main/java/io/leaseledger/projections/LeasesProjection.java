package io.leaseledger.projections;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.HostUnreserved;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RangeRemoved;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.projections.tables.tables.records.AddressRangeRecord;
import io.leaseledger.projections.tables.tables.records.CurrentLeaseRecord;
import io.leaseledger.projections.tables.tables.records.DiscoveredDeviceRecord;
import io.leaseledger.projections.tables.tables.records.HostReservationRecord;
import io.leaseledger.projections.tables.tables.records.PoolUsageRecord;
import io.leaseledger.projections.tables.tables.records.SubnetRecord;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.UpdatableRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leaseledger.projections.tables.Tables.ADDRESS_RANGE;
import static io.leaseledger.projections.tables.Tables.CURRENT_LEASE;
import static io.leaseledger.projections.tables.Tables.DISCOVERED_DEVICE;
import static io.leaseledger.projections.tables.Tables.HOST_RESERVATION;
import static io.leaseledger.projections.tables.Tables.POOL_USAGE;
import static io.leaseledger.projections.tables.Tables.SUBNET;

/**
 * Projection {@value #NAME}: what is true now. The subnets with their ranges and host
 * reservations ({@code subnet}, {@code address_range}, {@code host_reservation}), the state of
 * every address a client has touched ({@code current_lease}), the dynamic pool's use per
 * minute ({@code pool_usage}), and every device heard on a served link ({@code discovered_device},
 * network discovery: read beside the leases and reservations it is compared with).
 *
 * <p>The whole current state is kept in memory (one row per address a client touched, one per
 * range): a batch of events changes it there, and {@link #flush} writes only the rows the batch
 * changed, in JDBC batches. Rows are keyed (subnet + address, subnet + minute), so applying the
 * same events again writes the same rows.
 */
public final class LeasesProjection implements Projection {
    public static final String NAME = "leases";

    /** Per subnet: its row, ranges, leases by address, open offers by client, pool use. */
    private static final class SubnetBook {
        SubnetRecord subnet;
        final Map<Object, AddressRangeRecord> ranges = new LinkedHashMap<>();
        final Map<Long, LeaseRow> leases = new HashMap<>();
        final Map<String, Long> offerByClient = new HashMap<>();
        long poolSize;
        long inUse;
        PoolUsageRecord minute;
        final Map<DeviceId, DiscoveredDeviceRecord> devices = new HashMap<>();
    }

    /** A discovered device's key within its subnet. */
    private record DeviceId(long addressNum, String mac) {
    }

    private final Map<String, SubnetBook> books = new HashMap<>();
    private boolean loaded;
    /** Minutes of {@code pool_usage} left behind since the last flush (their rows no longer change). */
    private int pastMinutes;
    /** Rows to write and to delete: jOOQ records, or {@link LeaseRow}s for {@code current_lease}. */
    private final Map<Key, Object> dirty = new LinkedHashMap<>();
    private final Map<Key, Object> deleted = new LinkedHashMap<>();
    /** Rows already in the tables: a dirty row not among them is inserted, not replaced. */
    private final java.util.Set<Key> inTables = new java.util.HashSet<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(SUBNET, ADDRESS_RANGE, HOST_RESERVATION, CURRENT_LEASE, POOL_USAGE, DISCOVERED_DEVICE);
    }

    @Override
    public void begin(DSLContext tx) {
        if (loaded) {
            return;
        }
        books.clear();
        for (SubnetRecord s : tx.selectFrom(SUBNET).fetch()) {
            book(s.getSubnet()).subnet = s;
        }
        for (AddressRangeRecord r : tx.selectFrom(ADDRESS_RANGE).fetch()) {
            book(r.getSubnet()).ranges.put(rangeKey(r), r);
        }
        for (CurrentLeaseRecord r : tx.selectFrom(CURRENT_LEASE).fetch()) {
            LeaseRow l = LeaseRow.of(r);
            SubnetBook b = book(l.getSubnet());
            b.leases.put(l.getAddressNum(), l);
            if (l.getState().equals(LeaseState.OFFERED.name())) {
                b.offerByClient.put(l.getClientKey(), l.getAddressNum());
            }
        }
        for (PoolUsageRecord m : tx.selectFrom(POOL_USAGE)
                .where(POOL_USAGE.MINUTE_EPOCH.eq(tx.select(org.jooq.impl.DSL.max(POOL_USAGE.as("p").MINUTE_EPOCH))
                        .from(POOL_USAGE.as("p")).where(POOL_USAGE.as("p").SUBNET.eq(POOL_USAGE.SUBNET))))
                .fetch()) {
            book(m.getSubnet()).minute = m;
        }
        inTables.clear();
        for (SubnetBook b : books.values()) {
            recount(b);
            if (b.subnet != null) {
                inTables.add(key(b.subnet));
            }
            b.ranges.values().forEach(r -> inTables.add(key(r)));
            b.leases.values().forEach(l -> inTables.add(key(l)));
            if (b.minute != null) {
                inTables.add(key(b.minute));
            }
        }
        for (HostReservationRecord h : tx.selectFrom(HOST_RESERVATION).fetch()) {
            inTables.add(key(h));
        }
        for (DiscoveredDeviceRecord d : tx.selectFrom(DISCOVERED_DEVICE).fetch()) {
            book(d.getSubnet()).devices.put(new DeviceId(d.getAddressNum(), d.getMac()), d);
            inTables.add(key(d));
        }
        loaded = true;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.payload() instanceof SubnetEvent event)) {
            return;
        }
        String subnet = event.subnetId().value();
        SubnetBook b = book(subnet);
        switch (event) {
            case SubnetDefined e -> defineSubnet(b, subnet, e.settings(), e.at(), e.cidr().network().toUnsigned(),
                    e.cidr().prefix());
            case SubnetChanged e -> {
                if (b.subnet != null) {
                    settings(b.subnet, e.settings(), e.at());
                    b.subnet.setRemoved(false);
                    write(b.subnet);
                }
            }
            case SubnetRemoved e -> {
                if (b.subnet != null) {
                    b.subnet.setRemoved(true);
                    b.subnet.setChangedAt(Times.sql(e.at()));
                    write(b.subnet);
                }
            }
            case RangeAdded e -> {
                AddressRangeRecord r = new AddressRangeRecord(subnet, e.range().first().toString(),
                        e.range().last().toString(), e.range().first().toUnsigned(), e.range().last().toUnsigned(),
                        e.kind().name(), Times.sql(e.at()));
                b.ranges.put(rangeKey(r), r);
                write(r);
                recount(b);
                sample(b, subnet, e.at());
            }
            case RangeRemoved e -> {
                AddressRangeRecord r = b.ranges.remove(rangeKey(e.range().first().toUnsigned(),
                        e.range().last().toUnsigned(), e.kind()));
                if (r != null) {
                    delete(r);
                }
                recount(b);
                sample(b, subnet, e.at());
            }
            case HostReserved e -> write(new HostReservationRecord(subnet, e.mac().toString(), e.address().toString(),
                    e.address().toUnsigned(), e.hostname() == null ? null : e.hostname().value(), Times.sql(e.at())));
            case HostUnreserved e -> {
                HostReservationRecord r = new HostReservationRecord();
                r.setSubnet(subnet);
                r.setMac(e.mac().toString());
                delete(r);
            }
            case LeaseEvent e -> lease(b, subnet, e);
            case DeviceSeen e -> seen(b, subnet, e);
            case DiscoveriesCleared e -> cleared(b, e);
            default -> {
                // Option snippets and pool exhaustion change nothing here (the log keeps the latter).
            }
        }
    }

    /** A device heard: its row made, or its last sighting (and interface) moved on and counted; a name announced kept. */
    private void seen(SubnetBook b, String subnet, DeviceSeen e) {
        DeviceId id = new DeviceId(e.address().toUnsigned(), e.mac().toString());
        var at = Times.sql(e.at());
        DiscoveredDeviceRecord d = b.devices.get(id);
        if (d == null) {
            d = Rows.attached(new DiscoveredDeviceRecord(subnet, e.address().toString(), id.addressNum(), id.mac(),
                    e.iface(), at, at, 1L, e.hostname() == null ? null : e.hostname().value()));
            b.devices.put(id, d);
        } else {
            if (!at.isBefore(d.getLastSeen())) {
                d.setLastSeen(at);
                d.setIface(e.iface());
            }
            if (e.hostname() != null && (d.getMdnsHostname() == null || !at.isBefore(d.getLastSeen()))) {
                d.setMdnsHostname(e.hostname().value());
            }
            if (at.isBefore(d.getFirstSeen())) {
                d.setFirstSeen(at);
            }
            d.setRecords(d.getRecords() + 1);
        }
        write(d);
    }

    /** An operator cleared devices from the list: their rows go (the records stay in the log). */
    private void cleared(SubnetBook b, DiscoveriesCleared e) {
        for (var it = b.devices.values().iterator(); it.hasNext(); ) {
            DiscoveredDeviceRecord d = it.next();
            if (e.clears(Ipv4Address.of((int) d.getAddressNum().longValue()), MacAddress.parse(d.getMac()))) {
                it.remove();
                delete(d);
            }
        }
    }

    private void lease(SubnetBook b, String subnet, LeaseEvent event) {
        long address = event.address().toUnsigned();
        LeaseRow current = b.leases.get(address);
        String client = Clients.key(event.client());
        switch (event) {
            case LeaseOffered e -> {
                endOtherOffer(b, client, address, e.at());
                LeaseRow row = row(b, subnet, event, LeaseState.OFFERED);
                row.setGrantedAt(null);
                row.setExpiresAt(Times.sql(e.heldUntil()));
                b.offerByClient.put(client, address);
            }
            case LeaseGranted e -> {
                endOtherOffer(b, client, address, e.at());
                boolean renewal = current != null && current.getState().equals(LeaseState.BOUND.name())
                        && current.getClientKey().equals(client);
                var grantedAt = renewal ? current.getGrantedAt() : Times.sql(e.at());
                LeaseRow row = row(b, subnet, event, LeaseState.BOUND);
                row.setGrantedAt(grantedAt);
                row.setExpiresAt(Times.sql(e.expiresAt()));
            }
            case AddressDeclined e -> {
                LeaseRow row = row(b, subnet, event, LeaseState.DECLINED);
                row.setExpiresAt(Times.sql(e.probationUntil()));
            }
            case LeaseReleased e -> {
                if (current != null && current.getClientKey().equals(client)) {
                    var grantedAt = current.getGrantedAt();
                    LeaseRow row = row(b, subnet, event, LeaseState.RELEASED);
                    row.setGrantedAt(grantedAt);
                    row.setExpiresAt(Times.sql(e.at()));
                }
            }
            case LeaseExpired e -> {
                if (current != null && current.getClientKey().equals(client)) {
                    var grantedAt = current.getGrantedAt();
                    LeaseRow row = row(b, subnet, event, LeaseState.EXPIRED);
                    row.setGrantedAt(grantedAt);
                    row.setExpiresAt(Times.sql(e.expiredAt()));
                }
            }
            case OfferWithdrawn e -> {
                if (current != null && current.getState().equals(LeaseState.OFFERED.name())
                        && current.getClientKey().equals(client)) {
                    remove(b, subnet, address, e.at());
                }
            }
            case ProbationEnded e -> {
                if (current != null && current.getState().equals(LeaseState.DECLINED.name())) {
                    remove(b, subnet, address, e.at());
                }
            }
            default -> {
                // A NAK changes no address.
            }
        }
    }

    /** A client has one outstanding offer: a new offer or a grant elsewhere ends the old one. */
    private void endOtherOffer(SubnetBook b, String client, long address, Instant at) {
        Long offered = b.offerByClient.remove(client);
        if (offered != null && offered != address) {
            LeaseRow old = b.leases.get(offered);
            if (old != null && old.getState().equals(LeaseState.OFFERED.name()) && old.getClientKey().equals(client)) {
                remove(b, old.getSubnet(), offered, at);
            }
        }
    }

    /** The address's row, (re)written for this event's client and state. */
    private LeaseRow row(SubnetBook b, String subnet, LeaseEvent e, LeaseState state) {
        long address = e.address().toUnsigned();
        LeaseRow old = b.leases.get(address);
        boolean wasInUse = old != null && LeaseState.valueOf(old.getState()).inUse();
        if (old != null && old.getState().equals(LeaseState.OFFERED.name())
                && Long.valueOf(address).equals(b.offerByClient.get(old.getClientKey()))) {
            b.offerByClient.remove(old.getClientKey());
        }
        ClientIdentity c = e.client();
        LeaseRow row = new LeaseRow();
        row.subnet = subnet;
        row.address = e.address().toString();
        row.addressNum = address;
        row.state = state.name();
        row.clientKey = Clients.key(c);
        row.mac = Clients.mac(c);
        row.clientId = Clients.clientId(c);
        row.hostname = Clients.hostname(c);
        row.vendorClass = c.vendorClass();
        row.relay = Clients.relay(c);
        row.circuitId = Clients.circuitId(c);
        row.remoteId = Clients.remoteId(c);
        row.transactionId = e.transactionId().toString();
        row.changedAt = Times.sql(e.at());
        b.leases.put(address, row);
        write(row);
        changeUse(b, subnet, address, wasInUse, state.inUse(), e.at());
        return row;
    }

    private void remove(SubnetBook b, String subnet, long address, Instant at) {
        LeaseRow old = b.leases.remove(address);
        if (old == null) {
            return;
        }
        if (old.getState().equals(LeaseState.OFFERED.name())) {
            b.offerByClient.remove(old.getClientKey(), address);
        }
        delete(old);
        changeUse(b, subnet, address, LeaseState.valueOf(old.getState()).inUse(), false, at);
    }

    private void changeUse(SubnetBook b, String subnet, long address, boolean was, boolean is, Instant at) {
        if (was == is || !inPool(b, address)) {
            return;
        }
        b.inUse += is ? 1 : -1;
        sample(b, subnet, at);
    }

    /** The minute row of {@code at} after a change of pool size or use. */
    private void sample(SubnetBook b, String subnet, Instant at) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60) * 60;
        PoolUsageRecord m = b.minute;
        if (m == null || m.getMinuteEpoch() != minute) {
            long before = m == null ? 0 : m.getLastInUse();
            m = Rows.attached(new PoolUsageRecord());
            m.setSubnet(subnet);
            m.setMinuteEpoch(minute);
            m.setPoolSize(b.poolSize);
            m.setPeakInUse(Math.max(before, b.inUse));
            m.setLastInUse(b.inUse);
            b.minute = m;
            pastMinutes++;
        } else {
            m.setPoolSize(Math.max(m.getPoolSize(), b.poolSize));
            m.setPeakInUse(Math.max(m.getPeakInUse(), b.inUse));
            m.setLastInUse(b.inUse);
        }
        write(m);
    }

    private static boolean inPool(SubnetBook b, long address) {
        for (AddressRangeRecord r : b.ranges.values()) {
            if (r.getKind().equals(RangeKind.DYNAMIC.name()) && address >= r.getFirstNum() && address <= r.getLastNum()) {
                return true;
            }
        }
        return false;
    }

    private static void recount(SubnetBook b) {
        b.poolSize = 0;
        for (AddressRangeRecord r : b.ranges.values()) {
            if (r.getKind().equals(RangeKind.DYNAMIC.name())) {
                b.poolSize += r.getLastNum() - r.getFirstNum() + 1;
            }
        }
        b.inUse = 0;
        for (LeaseRow l : b.leases.values()) {
            if (LeaseState.valueOf(l.getState()).inUse() && inPool(b, l.getAddressNum())) {
                b.inUse++;
            }
        }
    }

    private void defineSubnet(SubnetBook b, String subnet, SubnetSettings settings, Instant at, long network, int prefix) {
        SubnetRecord s = new SubnetRecord();
        s.setSubnet(subnet);
        s.setNetworkNum(network);
        s.setPrefixLength(prefix);
        s.setRemoved(false);
        settings(s, settings, at);
        b.subnet = s;
        write(s);
    }

    private static void settings(SubnetRecord s, SubnetSettings settings, Instant at) {
        s.setManaged(settings.managed());
        s.setAuthoritative(settings.authoritative());
        s.setLeaseSeconds(settings.leaseTime().seconds());
        s.setChangedAt(Times.sql(at));
    }

    private SubnetBook book(String subnet) {
        return books.computeIfAbsent(subnet, k -> new SubnetBook());
    }

    private static Object rangeKey(AddressRangeRecord r) {
        return r.getFirstNum() + "-" + r.getLastNum() + "-" + r.getKind();
    }

    private static Object rangeKey(long first, long last, RangeKind kind) {
        return first + "-" + last + "-" + kind.name();
    }

    /**
     * A {@code current_lease} row. A plain object rather than a jOOQ record: one is made for
     * nearly every lease event, and filling a 16-field record (its value, original and
     * changed-flag arrays, a check per field set) cost more than the rest of the event's apply.
     */
    private static final class LeaseRow {
        private static final int COLUMNS = CURRENT_LEASE.fields().length;
        private static final int SUBNET_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.SUBNET);
        private static final int ADDRESS_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.ADDRESS);
        private static final int ADDRESS_NUM_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.ADDRESS_NUM);
        private static final int STATE_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.STATE);
        private static final int CLIENT_KEY_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.CLIENT_KEY);
        private static final int MAC_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.MAC);
        private static final int CLIENT_ID_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.CLIENT_ID);
        private static final int HOSTNAME_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.HOSTNAME);
        private static final int VENDOR_CLASS_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.VENDOR_CLASS);
        private static final int RELAY_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.RELAY);
        private static final int CIRCUIT_ID_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.CIRCUIT_ID);
        private static final int REMOTE_ID_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.REMOTE_ID);
        private static final int TRANSACTION_ID_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.TRANSACTION_ID);
        private static final int GRANTED_AT_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.GRANTED_AT);
        private static final int EXPIRES_AT_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.EXPIRES_AT);
        private static final int CHANGED_AT_AT = CURRENT_LEASE.indexOf(CURRENT_LEASE.CHANGED_AT);

        String subnet;
        String address;
        long addressNum;
        String state;
        String clientKey;
        String mac;
        String clientId;
        String hostname;
        String vendorClass;
        String relay;
        String circuitId;
        String remoteId;
        String transactionId;
        OffsetDateTime grantedAt;
        OffsetDateTime expiresAt;
        OffsetDateTime changedAt;

        static LeaseRow of(CurrentLeaseRecord r) {
            LeaseRow l = new LeaseRow();
            l.subnet = r.getSubnet();
            l.address = r.getAddress();
            l.addressNum = r.getAddressNum();
            l.state = r.getState();
            l.clientKey = r.getClientKey();
            l.mac = r.getMac();
            l.clientId = r.getClientId();
            l.hostname = r.getHostname();
            l.vendorClass = r.getVendorClass();
            l.relay = r.getRelay();
            l.circuitId = r.getCircuitId();
            l.remoteId = r.getRemoteId();
            l.transactionId = r.getTransactionId();
            l.grantedAt = r.getGrantedAt();
            l.expiresAt = r.getExpiresAt();
            l.changedAt = r.getChangedAt();
            return l;
        }

        /** The row's values in the order of the table's fields ({@link Rows#insertValues}). */
        Object[] values() {
            Object[] v = new Object[COLUMNS];
            v[SUBNET_AT] = subnet;
            v[ADDRESS_AT] = address;
            v[ADDRESS_NUM_AT] = addressNum;
            v[STATE_AT] = state;
            v[CLIENT_KEY_AT] = clientKey;
            v[MAC_AT] = mac;
            v[CLIENT_ID_AT] = clientId;
            v[HOSTNAME_AT] = hostname;
            v[VENDOR_CLASS_AT] = vendorClass;
            v[RELAY_AT] = relay;
            v[CIRCUIT_ID_AT] = circuitId;
            v[REMOTE_ID_AT] = remoteId;
            v[TRANSACTION_ID_AT] = transactionId;
            v[GRANTED_AT_AT] = grantedAt;
            v[EXPIRES_AT_AT] = expiresAt;
            v[CHANGED_AT_AT] = changedAt;
            return v;
        }

        String getSubnet() {
            return subnet;
        }

        long getAddressNum() {
            return addressNum;
        }

        String getState() {
            return state;
        }

        String getClientKey() {
            return clientKey;
        }

        OffsetDateTime getGrantedAt() {
            return grantedAt;
        }

        void setGrantedAt(OffsetDateTime grantedAt) {
            this.grantedAt = grantedAt;
        }

        void setExpiresAt(OffsetDateTime expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    /** A row's table and primary key, cheap to hash (jOOQ's {@code key()} maps the record each time). */
    private record Key(String table, String subnet, Object id) {
    }

    private static Key key(Object record) {
        return switch (record) {
            case LeaseRow r -> new Key("current_lease", r.subnet, r.addressNum);
            case PoolUsageRecord r -> new Key("pool_usage", r.getSubnet(), r.getMinuteEpoch());
            case SubnetRecord r -> new Key("subnet", r.getSubnet(), "");
            case AddressRangeRecord r -> new Key("address_range", r.getSubnet(), rangeKey(r));
            case HostReservationRecord r -> new Key("host_reservation", r.getSubnet(), r.getMac());
            case DiscoveredDeviceRecord r -> new Key("discovered_device", r.getSubnet(),
                    new DeviceId(r.getAddressNum(), r.getMac()));
            default -> throw new IllegalArgumentException("not a row of this projection: " + record);
        };
    }

    private void write(Object record) {
        Key key = key(record);
        deleted.remove(key);
        dirty.put(key, record);
    }

    private void delete(Object record) {
        Key key = key(record);
        dirty.remove(key);
        deleted.put(key, record);
    }

    @Override
    public void flush(DSLContext tx) {
        Writes gone = new Writes();
        for (var e : deleted.entrySet()) {
            if (inTables.remove(e.getKey())) {
                gone.add(e.getValue());
            }
        }
        Writes replaced = new Writes();
        Writes fresh = new Writes();
        for (var e : dirty.entrySet()) {
            (inTables.contains(e.getKey()) ? replaced : fresh).add(e.getValue());
            inTables.add(e.getKey());
        }
        Rows.delete(tx, gone.records);
        Rows.deleteValues(tx, CURRENT_LEASE, gone.leases);
        Rows.merge(tx, replaced.records);
        Rows.mergeValues(tx, CURRENT_LEASE, replaced.leases);
        Rows.insert(tx, fresh.records);
        Rows.insertValues(tx, CURRENT_LEASE, fresh.leases);
        dirty.clear();
        deleted.clear();
        pastMinutes = 0;
    }

    /** Rows of one kind of write: jOOQ records, and the {@code current_lease} rows as the table's values. */
    private static final class Writes {
        final List<UpdatableRecord<?>> records = new ArrayList<>();
        final List<Object[]> leases = new ArrayList<>();

        void add(Object row) {
            if (row instanceof LeaseRow l) {
                leases.add(l.values());
            } else {
                records.add((UpdatableRecord<?>) row);
            }
        }
    }

    @Override
    public int finalRowsPending() {
        return pastMinutes;
    }

    /**
     * The {@code pool_usage} rows of minutes a subnet has moved past; the current state
     * ({@code current_lease}, the ranges, the current minute) stays buffered.
     */
    @Override
    public void flushFinal(DSLContext tx) {
        List<UpdatableRecord<?>> replaced = new ArrayList<>();
        List<UpdatableRecord<?>> fresh = new ArrayList<>();
        for (var it = dirty.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue() instanceof PoolUsageRecord m && books.get(m.getSubnet()).minute != m) {
                (inTables.contains(e.getKey()) ? replaced : fresh).add(m);
                inTables.add(e.getKey());
                it.remove();
            }
        }
        Rows.merge(tx, replaced);
        Rows.insert(tx, fresh);
        pastMinutes = 0;
    }

    @Override
    public void forget() {
        pastMinutes = 0;
        books.clear();
        dirty.clear();
        deleted.clear();
        inTables.clear();
        loaded = false;
    }
}
