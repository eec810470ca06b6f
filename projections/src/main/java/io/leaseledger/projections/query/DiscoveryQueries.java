package io.leaseledger.projections.query;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.projections.Times;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.leaseledger.projections.tables.Tables.CURRENT_LEASE;
import static io.leaseledger.projections.tables.Tables.DISCOVERED_DEVICE;
import static io.leaseledger.projections.tables.Tables.HOST_RESERVATION;

/**
 * Network discovery's question — which devices were heard on the served links, and which of them
 * does this server know nothing of (MAAS lists "discovered devices that do not correspond to
 * machines and devices already known") — answered from {@code discovered_device}, the host
 * reservations and the current leases, all three kept by the projection {@code leases}. Arguments
 * are checked as {@link LeaseQueries} checks them.
 */
public final class DiscoveryQueries {
    private static final String LISTING = "device";

    private final DSLContext db;

    public DiscoveryQueries(DSLContext db) {
        this.db = db;
    }

    // At most one of each per device: host_reservation is keyed by (subnet, mac), current_lease by (subnet, address).
    private static final Condition RESERVED = HOST_RESERVATION.SUBNET.eq(DISCOVERED_DEVICE.SUBNET)
            .and(HOST_RESERVATION.MAC.eq(DISCOVERED_DEVICE.MAC));
    private static final Condition LEASED = CURRENT_LEASE.SUBNET.eq(DISCOVERED_DEVICE.SUBNET)
            .and(CURRENT_LEASE.ADDRESS_NUM.eq(DISCOVERED_DEVICE.ADDRESS_NUM))
            .and(CURRENT_LEASE.MAC.eq(DISCOVERED_DEVICE.MAC));
    private static final Condition UNKNOWN = HOST_RESERVATION.MAC.isNull().and(CURRENT_LEASE.MAC.isNull());

    /** The devices matching {@code filter}, ordered by subnet, address and MAC, one page at a time. */
    public Page<Discovery> devices(DiscoveryFilter filter, PageRequest page) {
        Condition where = DSL.trueCondition();
        if (filter.subnet() != null) {
            where = where.and(DISCOVERED_DEVICE.SUBNET.eq(LeaseQueries.subnet(filter.subnet())));
        }
        if (filter.mac() != null) {
            where = where.and(DISCOVERED_DEVICE.MAC.eq(LeaseQueries.mac(filter.mac())));
        }
        if (filter.unknownOnly()) {
            where = where.and(UNKNOWN);
        }
        if (page.cursor() != null) {
            String[] at = LeaseQueries.decodeCursor(page.cursor(), LISTING, 3);
            where = where.and(DSL.row(DISCOVERED_DEVICE.SUBNET, DISCOVERED_DEVICE.ADDRESS_NUM, DISCOVERED_DEVICE.MAC)
                    .gt(at[0], LeaseQueries.parseLong(at[1], page.cursor()), at[2]));
        }
        List<Discovery> rows = db.select(DISCOVERED_DEVICE.fields())
                .select(HOST_RESERVATION.MAC, HOST_RESERVATION.HOSTNAME, CURRENT_LEASE.MAC, CURRENT_LEASE.HOSTNAME)
                .from(DISCOVERED_DEVICE)
                .leftJoin(HOST_RESERVATION).on(RESERVED)
                .leftJoin(CURRENT_LEASE).on(LEASED)
                .where(where)
                .orderBy(DISCOVERED_DEVICE.SUBNET, DISCOVERED_DEVICE.ADDRESS_NUM, DISCOVERED_DEVICE.MAC)
                .limit(page.limit() + 1)
                .fetch(DiscoveryQueries::discovery);
        List<Discovery> items = rows.stream().limit(page.limit()).toList();
        String next = null;
        if (rows.size() > page.limit()) {
            Discovery last = items.getLast();
            next = LeaseQueries.cursor(LISTING, last.subnet(),
                    Long.toString(Ipv4Address.parse(last.address()).toUnsigned()), last.mac());
        }
        return new Page<>(items, next);
    }

    /**
     * Per subnet, the devices neither reserved nor leased last recorded at or after {@code since}:
     * the strangers still on the links (subnets without any are absent).
     */
    public Map<String, Long> unknownSince(Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        db.select(DISCOVERED_DEVICE.SUBNET, DSL.count())
                .from(DISCOVERED_DEVICE)
                .leftJoin(HOST_RESERVATION).on(RESERVED)
                .leftJoin(CURRENT_LEASE).on(LEASED)
                .where(UNKNOWN).and(DISCOVERED_DEVICE.LAST_SEEN.ge(Times.sql(since)))
                .groupBy(DISCOVERED_DEVICE.SUBNET)
                .fetch()
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    private static Discovery discovery(Record r) {
        Discovery.Known known = r.get(HOST_RESERVATION.MAC) != null ? Discovery.Known.RESERVATION
                : r.get(CURRENT_LEASE.MAC) != null ? Discovery.Known.LEASE : null;
        String hostname = r.get(HOST_RESERVATION.HOSTNAME) != null ? r.get(HOST_RESERVATION.HOSTNAME)
                : r.get(CURRENT_LEASE.HOSTNAME);
        return new Discovery(r.get(DISCOVERED_DEVICE.SUBNET), r.get(DISCOVERED_DEVICE.ADDRESS), r.get(DISCOVERED_DEVICE.MAC),
                r.get(DISCOVERED_DEVICE.IFACE), Times.instant(r.get(DISCOVERED_DEVICE.FIRST_SEEN)),
                Times.instant(r.get(DISCOVERED_DEVICE.LAST_SEEN)), r.get(DISCOVERED_DEVICE.RECORDS), known, hostname,
                r.get(DISCOVERED_DEVICE.MDNS_HOSTNAME));
    }
}
