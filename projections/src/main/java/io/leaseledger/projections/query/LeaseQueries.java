package io.leaseledger.projections.query;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.projections.Decision;
import io.leaseledger.projections.IntervalKind;
import io.leaseledger.projections.LeaseState;
import io.leaseledger.projections.Times;
import io.leaseledger.projections.tables.tables.records.AddressIntervalRecord;
import io.leaseledger.projections.tables.tables.records.CurrentLeaseRecord;
import io.leaseledger.projections.tables.tables.records.TransactionLogRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leaseledger.projections.tables.Tables.ADDRESS_INTERVAL;
import static io.leaseledger.projections.tables.Tables.ADDRESS_RANGE;
import static io.leaseledger.projections.tables.Tables.CURRENT_LEASE;
import static io.leaseledger.projections.tables.Tables.HOST_RESERVATION;
import static io.leaseledger.projections.tables.Tables.POOL_USAGE;
import static io.leaseledger.projections.tables.Tables.SUBNET;
import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG_KEY;

/**
 * The read side's questions, answered from the projection tables (docs/projections.md). Every
 * method is one or a few SQL queries on the {@link DSLContext} given at construction (H2 or
 * PostgreSQL); nothing is cached, so answers are as fresh as the projections.
 *
 * <p>Arguments are checked: an address that is not a dotted quad, a MAC that is not a hardware
 * address, a bad cursor or window raise {@link IllegalArgumentException} (the HTTP layer maps it
 * to 400). Addresses are returned as dotted quads, MACs as "aa:bb:cc:dd:ee:ff", times as UTC
 * instants.
 */
public final class LeaseQueries {
    /** Most buckets one {@link #poolUtilisationOverTime} answer may hold. */
    public static final int MAX_BUCKETS = 10_000;

    private static final List<String> IN_USE = List.of(
            LeaseState.OFFERED.name(), LeaseState.BOUND.name(), LeaseState.DECLINED.name());

    private final DSLContext db;

    public LeaseQueries(DSLContext db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- current leases

    /**
     * Current leases matching {@code filter}, ordered by subnet then address, one page at a time.
     */
    public Page<Lease> currentLeases(LeaseFilter filter, PageRequest page) {
        Condition where = DSL.trueCondition();
        if (filter.subnet() != null) {
            where = where.and(CURRENT_LEASE.SUBNET.eq(subnet(filter.subnet())));
        }
        if (filter.mac() != null) {
            where = where.and(CURRENT_LEASE.MAC.eq(mac(filter.mac())));
        }
        if (filter.hostname() != null) {
            where = where.and(CURRENT_LEASE.HOSTNAME.eq(filter.hostname()));
        }
        if (filter.state() != null) {
            where = where.and(CURRENT_LEASE.STATE.eq(filter.state().name()));
        }
        if (page.cursor() != null) {
            String[] at = decodeCursor(page.cursor(), "lease", 2);
            where = where.and(DSL.row(CURRENT_LEASE.SUBNET, CURRENT_LEASE.ADDRESS_NUM)
                    .gt(at[0], parseLong(at[1], page.cursor())));
        }
        List<CurrentLeaseRecord> rows = db.selectFrom(CURRENT_LEASE).where(where)
                .orderBy(CURRENT_LEASE.SUBNET, CURRENT_LEASE.ADDRESS_NUM)
                .limit(page.limit() + 1)
                .fetch();
        List<Lease> items = rows.stream().limit(page.limit()).map(LeaseQueries::lease).toList();
        String next = rows.size() > page.limit()
                ? cursor("lease", items.getLast().subnet(), Long.toString(Ipv4Address.parse(items.getLast().address()).toUnsigned()))
                : null;
        return new Page<>(items, next);
    }

    /** The current row of one address, if a client has touched it. */
    public Optional<Lease> currentLease(String address) {
        return db.selectFrom(CURRENT_LEASE).where(CURRENT_LEASE.ADDRESS_NUM.eq(addressNum(address)))
                .orderBy(CURRENT_LEASE.SUBNET).limit(1).fetchOptional().map(LeaseQueries::lease);
    }

    // ---------------------------------------------------------------- history

    /** Every interval of {@code address} (all subnets, leases and probations), oldest first. */
    public List<Holding> addressHistory(String address) {
        return db.selectFrom(ADDRESS_INTERVAL).where(ADDRESS_INTERVAL.ADDRESS_NUM.eq(addressNum(address)))
                .orderBy(ADDRESS_INTERVAL.VALID_FROM, ADDRESS_INTERVAL.SUBNET, ADDRESS_INTERVAL.OPENED_SEQ)
                .fetch(LeaseQueries::holding);
    }

    /** Every address the hardware address {@code mac} has held or declined, oldest first. */
    public List<Holding> clientHistory(String mac) {
        return db.selectFrom(ADDRESS_INTERVAL).where(ADDRESS_INTERVAL.MAC.eq(mac(mac)))
                .orderBy(ADDRESS_INTERVAL.VALID_FROM, ADDRESS_INTERVAL.SUBNET, ADDRESS_INTERVAL.OPENED_SEQ)
                .fetch(LeaseQueries::holding);
    }

    /**
     * Who held {@code address} at {@code instant}: the LEASE interval with from <= instant < to
     * (or still open) whose lease had not run out at that instant. Empty when nobody did.
     */
    public Optional<Holding> holderAt(String address, Instant instant) {
        var at = Times.sql(instant);
        return db.selectFrom(ADDRESS_INTERVAL)
                .where(ADDRESS_INTERVAL.ADDRESS_NUM.eq(addressNum(address)))
                .and(ADDRESS_INTERVAL.KIND.eq(IntervalKind.LEASE.name()))
                .and(ADDRESS_INTERVAL.VALID_FROM.le(at))
                .and(ADDRESS_INTERVAL.VALID_TO.isNull().or(ADDRESS_INTERVAL.VALID_TO.gt(at)))
                .and(ADDRESS_INTERVAL.EXPIRES_AT.isNull().or(ADDRESS_INTERVAL.EXPIRES_AT.gt(at)))
                .orderBy(ADDRESS_INTERVAL.VALID_FROM.desc())
                .limit(1)
                .fetchOptional()
                .map(LeaseQueries::holding);
    }

    // ---------------------------------------------------------------- utilisation

    /** Utilisation of every known subnet (removed ones included, flagged), ordered by subnet. */
    public List<SubnetUtilisation> utilisation() {
        Map<String, List<RangeUtilisation>> ranges = new HashMap<>();
        var inRange = CURRENT_LEASE.ADDRESS_NUM.between(ADDRESS_RANGE.FIRST_NUM, ADDRESS_RANGE.LAST_NUM);
        var leasesPerRange = db.select(ADDRESS_RANGE.SUBNET, ADDRESS_RANGE.FIRST_ADDRESS, ADDRESS_RANGE.LAST_ADDRESS,
                        ADDRESS_RANGE.FIRST_NUM, ADDRESS_RANGE.LAST_NUM, ADDRESS_RANGE.KIND,
                        DSL.count(CURRENT_LEASE.ADDRESS_NUM).as("leased"))
                .from(ADDRESS_RANGE)
                .leftJoin(CURRENT_LEASE).on(CURRENT_LEASE.SUBNET.eq(ADDRESS_RANGE.SUBNET)
                        .and(inRange).and(CURRENT_LEASE.STATE.in(IN_USE)))
                .groupBy(ADDRESS_RANGE.SUBNET, ADDRESS_RANGE.FIRST_ADDRESS, ADDRESS_RANGE.LAST_ADDRESS,
                        ADDRESS_RANGE.FIRST_NUM, ADDRESS_RANGE.LAST_NUM, ADDRESS_RANGE.KIND)
                .orderBy(ADDRESS_RANGE.SUBNET, ADDRESS_RANGE.FIRST_NUM)
                .fetch();
        var hostsPerRange = db.select(ADDRESS_RANGE.SUBNET, ADDRESS_RANGE.FIRST_NUM, DSL.count())
                .from(ADDRESS_RANGE).join(HOST_RESERVATION).on(HOST_RESERVATION.SUBNET.eq(ADDRESS_RANGE.SUBNET)
                        .and(HOST_RESERVATION.ADDRESS_NUM.between(ADDRESS_RANGE.FIRST_NUM, ADDRESS_RANGE.LAST_NUM)))
                .where(ADDRESS_RANGE.KIND.eq("RESERVED"))
                .groupBy(ADDRESS_RANGE.SUBNET, ADDRESS_RANGE.FIRST_NUM)
                .fetchMap(r -> r.value1() + "|" + r.value2(), r -> r.value3().longValue());
        for (Record r : leasesPerRange) {
            String subnet = r.get(ADDRESS_RANGE.SUBNET);
            long size = r.get(ADDRESS_RANGE.LAST_NUM) - r.get(ADDRESS_RANGE.FIRST_NUM) + 1;
            String kind = r.get(ADDRESS_RANGE.KIND);
            long used = kind.equals("DYNAMIC") ? r.get("leased", Integer.class)
                    : hostsPerRange.getOrDefault(subnet + "|" + r.get(ADDRESS_RANGE.FIRST_NUM), 0L);
            ranges.computeIfAbsent(subnet, k -> new ArrayList<>()).add(new RangeUtilisation(subnet,
                    r.get(ADDRESS_RANGE.FIRST_ADDRESS), r.get(ADDRESS_RANGE.LAST_ADDRESS), kind, size, used,
                    size - used, percent(used, size)));
        }
        Map<String, Long> usedOutsideRanges = usedOutsideRanges();
        List<SubnetUtilisation> result = new ArrayList<>();
        for (var s : db.selectFrom(SUBNET).orderBy(SUBNET.NETWORK_NUM, SUBNET.PREFIX_LENGTH).fetch()) {
            Cidr cidr = Cidr.parse(s.getSubnet());
            long hosts = cidr.lastHost().toUnsigned() - cidr.firstHost().toUnsigned() + 1;
            List<RangeUtilisation> own = ranges.getOrDefault(s.getSubnet(), List.of());
            long inRanges = own.stream().mapToLong(RangeUtilisation::size).sum();
            long used = Math.min(hosts, inRanges + usedOutsideRanges.getOrDefault(s.getSubnet(), 0L));
            long poolSize = own.stream().filter(x -> x.kind().equals("DYNAMIC")).mapToLong(RangeUtilisation::size).sum();
            long poolInUse = own.stream().filter(x -> x.kind().equals("DYNAMIC")).mapToLong(RangeUtilisation::inUse).sum();
            result.add(new SubnetUtilisation(s.getSubnet(), s.getManaged(), s.getRemoved(), hosts, hosts - used,
                    percent(used, hosts), poolSize, poolInUse, own));
        }
        return result;
    }

    /** Per subnet: distinct addresses outside every range that are leased, offered, declined or reserved for a host. */
    private Map<String, Long> usedOutsideRanges() {
        var leased = db.select(CURRENT_LEASE.SUBNET.as("subnet"), CURRENT_LEASE.ADDRESS_NUM.as("num"))
                .from(CURRENT_LEASE).where(CURRENT_LEASE.STATE.in(IN_USE));
        var reserved = db.select(HOST_RESERVATION.SUBNET.as("subnet"), HOST_RESERVATION.ADDRESS_NUM.as("num"))
                .from(HOST_RESERVATION);
        var used = leased.union(reserved).asTable("used");
        var subnet = used.field("subnet", String.class);
        var num = used.field("num", Long.class);
        return db.select(subnet, DSL.count())
                .from(used)
                .whereNotExists(DSL.selectOne().from(ADDRESS_RANGE)
                        .where(ADDRESS_RANGE.SUBNET.eq(subnet))
                        .and(num.between(ADDRESS_RANGE.FIRST_NUM, ADDRESS_RANGE.LAST_NUM)))
                .groupBy(subnet)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
    }

    /**
     * The dynamic pool of {@code subnet} over [{@code from}, {@code to}) in buckets of
     * {@code bucket} (a whole number of minutes, at least one; at most {@value #MAX_BUCKETS}
     * buckets). Every bucket is present; one with no change carries the state before it.
     */
    public List<PoolUsageBucket> poolUtilisationOverTime(String subnet, Duration bucket, Instant from, Instant to) {
        String id = subnet(subnet);
        if (bucket.isNegative() || bucket.toSeconds() < 60 || bucket.toSeconds() % 60 != 0 || bucket.toNanosPart() != 0) {
            throw new IllegalArgumentException("bucket must be a whole number of minutes, at least 1, got " + bucket);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("window must have from < to, got " + from + " .. " + to);
        }
        long step = bucket.toSeconds();
        long start = Math.floorDiv(from.getEpochSecond(), 60) * 60;
        long end = to.getEpochSecond();
        long buckets = Math.ceilDiv(end - start, step);
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("window holds " + buckets + " buckets, at most " + MAX_BUCKETS);
        }
        var before = db.selectFrom(POOL_USAGE).where(POOL_USAGE.SUBNET.eq(id)).and(POOL_USAGE.MINUTE_EPOCH.lt(start))
                .orderBy(POOL_USAGE.MINUTE_EPOCH.desc()).limit(1).fetchOptional();
        long poolSize = before.map(r -> r.getPoolSize()).orElse(0L);
        long inUse = before.map(r -> r.getLastInUse()).orElse(0L);
        var rows = db.selectFrom(POOL_USAGE).where(POOL_USAGE.SUBNET.eq(id))
                .and(POOL_USAGE.MINUTE_EPOCH.ge(start)).and(POOL_USAGE.MINUTE_EPOCH.lt(end))
                .orderBy(POOL_USAGE.MINUTE_EPOCH).fetch();
        List<PoolUsageBucket> result = new ArrayList<>();
        int i = 0;
        for (long b = start; b < end; b += step) {
            long bucketEnd = Math.min(b + step, end);
            long peak = inUse;
            long size = poolSize;
            while (i < rows.size() && rows.get(i).getMinuteEpoch() < bucketEnd) {
                var row = rows.get(i++);
                peak = Math.max(peak, row.getPeakInUse());
                inUse = row.getLastInUse();
                poolSize = row.getPoolSize();
                size = Math.max(size, poolSize);
            }
            result.add(new PoolUsageBucket(id, Instant.ofEpochSecond(b), Instant.ofEpochSecond(bucketEnd), size, peak,
                    inUse, percent(peak, size)));
        }
        return result;
    }

    // ---------------------------------------------------------------- transaction log

    /**
     * Decisions matching {@code filter}, newest first, one page at a time. The time and the MAC
     * are looked up in {@code transaction_log_key}, the narrow table that carries the log's
     * indexes; the rest of each row is read from {@code transaction_log} by its id.
     */
    public Page<LogEntry> transactionLog(LogFilter filter, PageRequest page) {
        var key = TRANSACTION_LOG_KEY;
        var log = TRANSACTION_LOG;
        Condition where = DSL.trueCondition();
        if (filter.subnet() != null) {
            where = where.and(log.SUBNET.eq(subnet(filter.subnet())));
        }
        if (filter.mac() != null) {
            where = where.and(key.MAC.eq(mac(filter.mac())));
        }
        if (filter.address() != null) {
            where = where.and(log.ADDRESS_NUM.eq(addressNum(filter.address())));
        }
        if (filter.decision() != null) {
            where = where.and(log.DECISION.eq(filter.decision().name()));
        }
        if (filter.from() != null) {
            where = where.and(key.DECIDED_AT.ge(Times.sql(filter.from())));
        }
        if (filter.to() != null) {
            where = where.and(key.DECIDED_AT.lt(Times.sql(filter.to())));
        }
        if (page.cursor() != null) {
            String[] at = decodeCursor(page.cursor(), "log", 3);
            Instant time = Instant.ofEpochSecond(0, parseLong(at[0], page.cursor()));
            where = where.and(DSL.row(key.DECIDED_AT, log.SUBNET, log.SEQ)
                    .lt(Times.sql(time), at[1], parseLong(at[2], page.cursor())));
        }
        List<TransactionLogRecord> rows = db.select(log.fields()).from(key).join(log).on(log.ID.eq(key.ID))
                .where(where)
                .orderBy(key.DECIDED_AT.desc(), log.SUBNET.desc(), log.SEQ.desc())
                .limit(page.limit() + 1)
                .fetchInto(TRANSACTION_LOG);
        List<LogEntry> items = rows.stream().limit(page.limit()).map(LeaseQueries::logEntry).toList();
        String next = null;
        if (rows.size() > page.limit()) {
            LogEntry last = items.getLast();
            Instant t = last.at();
            next = cursor("log", Long.toString(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano())),
                    last.subnet(), Long.toString(last.sequence()));
        }
        return new Page<>(items, next);
    }

    // ---------------------------------------------------------------- network discovery

    /** Devices heard on the served links ({@link DiscoveryQueries#devices}). */
    public Page<Discovery> discoveredDevices(DiscoveryFilter filter, PageRequest page) {
        return new DiscoveryQueries(db).devices(filter, page);
    }

    /** Per subnet, the unknown devices last recorded at or after {@code since} ({@link DiscoveryQueries#unknownSince}). */
    public Map<String, Long> unknownDevicesSince(Instant since) {
        return new DiscoveryQueries(db).unknownSince(since);
    }

    // ---------------------------------------------------------------- mapping and checks

    private static Lease lease(CurrentLeaseRecord r) {
        return new Lease(r.getSubnet(), r.getAddress(), LeaseState.valueOf(r.getState()), r.getMac(), r.getClientId(),
                r.getHostname(), r.getVendorClass(), r.getRelay(), r.getCircuitId(), r.getRemoteId(),
                r.getTransactionId(), Times.instant(r.getGrantedAt()), Times.instant(r.getExpiresAt()),
                Times.instant(r.getChangedAt()));
    }

    private static Holding holding(AddressIntervalRecord r) {
        return new Holding(r.getSubnet(), r.getAddress(), IntervalKind.valueOf(r.getKind()), r.getMac(), r.getClientId(),
                r.getHostname(), r.getRelay(), Times.instant(r.getValidFrom()), Times.instant(r.getValidTo()),
                Times.instant(r.getExpiresAt()), r.getRenewals(), r.getEndedBy());
    }

    private static LogEntry logEntry(TransactionLogRecord r) {
        return new LogEntry(r.getSubnet(), r.getSeq(), Times.instant(r.getDecidedAt()), Decision.valueOf(r.getDecision()),
                r.getDetail(), r.getAddress(), r.getMac(), r.getClientId(), r.getHostname(), r.getVendorClass(),
                r.getRelay(), r.getCircuitId(), r.getRemoteId(), r.getTransactionId(), r.getLeaseSeconds(),
                Times.instant(r.getExpiresAt()));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10_000.0 * part / whole) / 100.0;
    }

    static long addressNum(String address) {
        return Ipv4Address.parse(address).toUnsigned();
    }

    static String mac(String mac) {
        return MacAddress.parse(mac).toString();
    }

    static String subnet(String subnet) {
        return Cidr.parse(subnet).toString();
    }

    static String cursor(String listing, String... parts) {
        String text = listing + "\n" + String.join("\n", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String[] decodeCursor(String cursor, String listing, int parts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
        String[] all = text.split("\n", -1);
        if (all.length != parts + 1 || !all[0].equals(listing)) {
            throw new InvalidCursorException(cursor);
        }
        return java.util.Arrays.copyOfRange(all, 1, all.length);
    }

    static long parseLong(String text, String cursor) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidCursorException(cursor);
        }
    }
}
