package io.leaseledger.projections;

import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.projections.query.Discovery;
import io.leaseledger.projections.query.DiscoveryFilter;
import io.leaseledger.projections.query.DiscoveryQueries;
import io.leaseledger.projections.query.Holding;
import io.leaseledger.projections.query.Lease;
import io.leaseledger.projections.query.LeaseFilter;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.projections.query.LogEntry;
import io.leaseledger.projections.query.LogFilter;
import io.leaseledger.projections.query.Page;
import io.leaseledger.projections.query.PageRequest;
import io.leaseledger.projections.query.PoolUsageBucket;
import io.leaseledger.projections.query.SubnetUtilisation;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static io.leaseledger.projections.tables.Tables.PROJECTION_SUBNET_POSITION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The projections and their queries on a real database; run on H2 and on PostgreSQL by the
 * subclasses. Every test starts from empty tables.
 */
abstract class ProjectionsContract {
    static final String NET = "198.18.3.0/24";
    static final String ADDRESS = "198.18.3.7";
    static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    static final ClientIdentity A = EventLog.client("02:00:00:00:00:0a", "anna");
    static final ClientIdentity B = EventLog.client("02:00:00:00:00:0b", "bert");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    abstract DSLContext db();

    List<ProjectionRunner> runners;

    @BeforeEach
    void emptyTables() {
        runners = Projections.all().stream().map(p -> new ProjectionRunner(p, db(), CLOCK)).toList();
        runners.forEach(ProjectionRunner::reset);
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /**
     * .7 to A (grant, two renewals, release), to A again (grant, expiry reclaimed 5 s late),
     * then offered and granted to B, still open.
     */
    static List<StoredEvent> history() {
        return new EventLog()
                .define(NET, t(-3600))
                .range(NET, "198.18.3.5", "198.18.3.50", RangeKind.DYNAMIC, t(-3600))
                .range(NET, "198.18.3.200", "198.18.3.209", RangeKind.RESERVED, t(-3600))
                .offer(NET, ADDRESS, A, t(0))
                .grant(NET, ADDRESS, A, GrantKind.NEW, t(1), 600)
                .grant(NET, ADDRESS, A, GrantKind.RENEWED, t(301), 600)
                .grant(NET, ADDRESS, A, GrantKind.REBOUND, t(601), 600)
                .release(NET, ADDRESS, A, t(700))
                .grant(NET, ADDRESS, A, GrantKind.INIT_REBOOT, t(800), 600)
                .expire(NET, ADDRESS, A, t(1400), t(1405))
                .nak(NET, "10.0.0.1", A, t(1500))
                .offer(NET, ADDRESS, B, t(2000))
                .grant(NET, ADDRESS, B, GrantKind.NEW, t(2001), 600)
                .events();
    }

    void applyAll(List<StoredEvent> events, int batchSize) {
        for (ProjectionRunner runner : runners) {
            for (int i = 0; i < events.size(); i += batchSize) {
                List<StoredEvent> batch = events.subList(i, Math.min(events.size(), i + batchSize));
                runner.apply(batch, new SourcePosition("test", Long.toString(i + batch.size())));
            }
        }
    }

    LeaseQueries queries() {
        return new LeaseQueries(db());
    }

    @Test
    void whoHeldTheAddressInsideBetweenAndAtTheEdgesOfItsIntervals() {
        applyAll(history(), 1_000);
        LeaseQueries q = queries();
        Map<Long, Optional<String>> expected = new java.util.LinkedHashMap<>();
        expected.put(-1L, Optional.empty());        // before anything
        expected.put(0L, Optional.empty());         // offered only: an offer is not a holding
        expected.put(1L, Optional.of("anna"));      // the grant's instant: from is inclusive
        expected.put(450L, Optional.of("anna"));    // after a renewal: same interval
        expected.put(699L, Optional.of("anna"));
        expected.put(700L, Optional.empty());       // the release's instant: to is exclusive
        expected.put(750L, Optional.empty());       // between the two holdings
        expected.put(800L, Optional.of("anna"));    // held again
        expected.put(1399L, Optional.of("anna"));
        expected.put(1400L, Optional.empty());      // ran out at 1400 (reclaimed at 1405)
        expected.put(1402L, Optional.empty());      // expired, not yet reclaimed
        expected.put(2000L, Optional.empty());      // offered to B
        expected.put(2001L, Optional.of("bert"));   // re-leased to another client
        expected.put(2600L, Optional.of("bert"));
        expected.put(2601L, Optional.empty());      // open interval, but the lease ran out
        expected.forEach((second, holder) -> assertThat(q.holderAt(ADDRESS, t(second)).map(Holding::hostname))
                .as("holder at T0%+d s", second).isEqualTo(holder));
    }

    @Test
    void addressHistoryIsOneIntervalPerHoldingRenewalsIncluded() {
        applyAll(history(), 1_000);
        List<Holding> history = queries().addressHistory(ADDRESS);
        assertThat(history).extracting(Holding::hostname, Holding::from, Holding::to, Holding::renewals, Holding::endedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anna", t(1), t(700), 2, "RELEASED"),
                        org.assertj.core.groups.Tuple.tuple("anna", t(800), t(1400), 0, "EXPIRED"),
                        org.assertj.core.groups.Tuple.tuple("bert", t(2001), null, 0, null));
        assertThat(history.get(2).expiresAt()).isEqualTo(t(2601));
        assertThat(queries().clientHistory("02:00:00:00:00:0A")).hasSize(2).allMatch(h -> h.address().equals(ADDRESS));
        assertThat(queries().clientHistory("02:00:00:00:00:0b")).extracting(Holding::from).containsExactly(t(2001));
    }

    @Test
    void aGrantToAClientHoldingAnotherAddressMovesItAndADeclineStartsProbation() {
        List<StoredEvent> events = new EventLog()
                .define(NET, t(0))
                .range(NET, "198.18.3.5", "198.18.3.50", RangeKind.DYNAMIC, t(0))
                .grant(NET, "198.18.3.5", A, GrantKind.NEW, t(10), 600)
                .grant(NET, "198.18.3.6", A, GrantKind.NEW, t(20), 600)
                .decline(NET, "198.18.3.6", A, t(30), t(3630))
                .probationEnded(NET, "198.18.3.6", A, t(3630))
                .events();
        applyAll(events, 2);
        assertThat(queries().clientHistory(A.chaddr().toString()))
                .extracting(Holding::address, Holding::kind, Holding::from, Holding::to, Holding::endedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("198.18.3.5", IntervalKind.LEASE, t(10), t(20), "MOVED"),
                        org.assertj.core.groups.Tuple.tuple("198.18.3.6", IntervalKind.LEASE, t(20), t(30), "DECLINED"),
                        org.assertj.core.groups.Tuple.tuple("198.18.3.6", IntervalKind.PROBATION, t(30), t(3630), "PROBATION_ENDED"));
        assertThat(queries().currentLease("198.18.3.6")).isEmpty();
    }

    @Test
    void currentLeasesShowTheLastStateOfEveryAddress() {
        List<StoredEvent> events = new ArrayList<>(history());
        applyAll(events, 3);
        Page<Lease> all = queries().currentLeases(LeaseFilter.any(), PageRequest.firstPage());
        assertThat(all.items()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo(ADDRESS);
            assertThat(l.state()).isEqualTo(LeaseState.BOUND);
            assertThat(l.mac()).isEqualTo("02:00:00:00:00:0b");
            assertThat(l.hostname()).isEqualTo("bert");
            assertThat(l.relay()).isEqualTo("198.18.3.1");
            assertThat(l.grantedAt()).isEqualTo(t(2001));
            assertThat(l.expiresAt()).isEqualTo(t(2601));
        });
        assertThat(queries().currentLeases(LeaseFilter.any().withMac("02:00:00:00:00:0a"), PageRequest.firstPage()).items()).isEmpty();
        assertThat(queries().currentLeases(LeaseFilter.any().withState(LeaseState.BOUND).withSubnet(NET)
                .withHostname("bert"), PageRequest.firstPage()).items()).hasSize(1);
    }

    @Test
    void leasesPageByCursorWithoutGapsOrRepeats() {
        EventLog log = new EventLog().define(NET, t(0)).range(NET, "198.18.3.5", "198.18.3.50", RangeKind.DYNAMIC, t(0));
        for (int i = 0; i < 25; i++) {
            log.grant(NET, "198.18.3." + (5 + i), EventLog.client(String.format("02:00:00:00:01:%02x", i), null),
                    GrantKind.NEW, t(i), 600);
        }
        applyAll(log.events(), 10);
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(7);
        while (true) {
            Page<Lease> p = queries().currentLeases(LeaseFilter.any(), page);
            p.items().forEach(l -> seen.add(l.address()));
            if (!p.hasNext()) {
                break;
            }
            page = new PageRequest(7, p.nextCursor());
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().startsWith("198.18.3.5", "198.18.3.6").endsWith("198.18.3.29");
        assertThatThrownBy(() -> queries().currentLeases(LeaseFilter.any(), new PageRequest(7, "bogus!")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void utilisationFollowsMaasDefinitions() {
        applyAll(history(), 1_000);
        SubnetUtilisation u = queries().utilisation().getFirst();
        // 254 host addresses; 46 dynamic + 10 reserved addresses are not available for assignment.
        assertThat(u.subnetAddresses()).isEqualTo(254);
        assertThat(u.available()).isEqualTo(254 - 56);
        assertThat(u.usedPercent()).isEqualTo(22.05);
        assertThat(u.poolSize()).isEqualTo(46);
        assertThat(u.poolInUse()).isEqualTo(1);
        assertThat(u.ranges()).extracting(r -> r.kind(), r -> r.size(), r -> r.inUse())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DYNAMIC", 46L, 1L),
                        org.assertj.core.groups.Tuple.tuple("RESERVED", 10L, 0L));
    }

    @Test
    void poolUtilisationOverTimeInBuckets() {
        applyAll(history(), 1_000);
        List<PoolUsageBucket> buckets = queries().poolUtilisationOverTime(NET, Duration.ofMinutes(10), t(-600), t(3000));
        assertThat(buckets).hasSize(6);
        assertThat(buckets.getFirst().peakInUse()).isZero();
        assertThat(buckets.get(1).from()).isEqualTo(t(0));
        assertThat(buckets.get(1).peakInUse()).isEqualTo(1);            // offered then bound
        assertThat(buckets.get(2).peakInUse()).isEqualTo(1);            // released at 700, granted again at 800
        assertThat(buckets.get(2).inUseAtEnd()).isEqualTo(1);
        assertThat(buckets.get(3).peakInUse()).isEqualTo(1);            // reclaimed at 1405
        assertThat(buckets.get(3).inUseAtEnd()).isZero();
        assertThat(buckets.get(4).peakInUse()).isEqualTo(1);            // offered to B at 2000 -> bucket [1800, 2400)
        assertThat(buckets.getLast().inUseAtEnd()).isEqualTo(1);
        assertThat(buckets).allMatch(b -> b.poolSize() == 46);
    }

    @Test
    void transactionLogHasEveryDecisionNewestFirst() {
        applyAll(history(), 4);
        Page<LogEntry> all = queries().transactionLog(LogFilter.any(), PageRequest.first(100));
        assertThat(all.items()).extracting(LogEntry::decision).containsExactly(
                Decision.GRANT, Decision.OFFER, Decision.NAK, Decision.EXPIRY, Decision.GRANT, Decision.RELEASE,
                Decision.GRANT, Decision.GRANT, Decision.GRANT, Decision.OFFER);
        assertThat(all.items().get(2).detail()).isEqualTo("ADDRESS_NOT_ON_SUBNET");
        assertThat(all.items().get(4).detail()).isEqualTo("INIT_REBOOT");
        List<LogEntry> paged = new ArrayList<>();
        PageRequest page = PageRequest.first(3);
        while (true) {
            Page<LogEntry> p = queries().transactionLog(LogFilter.any().withSubnet(NET), page);
            paged.addAll(p.items());
            if (!p.hasNext()) {
                break;
            }
            page = new PageRequest(3, p.nextCursor());
        }
        assertThat(paged).isEqualTo(all.items());
        assertThat(queries().transactionLog(LogFilter.any().withMac("02:00:00:00:00:0b").between(t(0), t(2001)),
                PageRequest.firstPage()).items()).extracting(LogEntry::decision).containsExactly(Decision.OFFER);
        assertThat(queries().transactionLog(LogFilter.any().withDecision(Decision.RELEASE).withAddress(ADDRESS),
                PageRequest.firstPage()).items()).hasSize(1);
    }

    /**
     * Where a relayed client's packets came from is what an operator follows to its switch port:
     * the log keeps the relay and its option 82 on the client's lease decisions and on the pool
     * running dry alike (a lease event's client, and the one that found the pool empty); a
     * directly connected client's rows have none of them.
     */
    @Test
    void aRelayedClientsDecisionsShowItsRelayInTheLog() {
        ClientIdentity relayed = new ClientIdentity(MacAddress.parse("02:00:00:00:00:0c"), null, Hostname.of("carl"), null,
                new RelayAgent(Ipv4Address.parse("198.18.3.254"), Octets.parse("00:04:00:0c:01:07"), Octets.ascii("sw-3"),
                        null));
        ClientIdentity direct = ClientIdentity.of(MacAddress.parse("02:00:00:00:00:0d"));
        List<StoredEvent> events = new EventLog()
                .define(NET, t(0))
                .range(NET, ADDRESS, ADDRESS, RangeKind.DYNAMIC, t(0))
                .grant(NET, ADDRESS, direct, GrantKind.NEW, t(10), 600)
                .add(new PoolExhausted(new SubnetId(NET), relayed, TransactionId.of(99), 1, t(20)))
                .release(NET, ADDRESS, direct, t(30))
                .offer(NET, ADDRESS, relayed, t(40))
                .grant(NET, ADDRESS, relayed, GrantKind.NEW, t(41), 600)
                .events();
        applyAll(events, 2);
        assertThat(queries().transactionLog(LogFilter.any(), PageRequest.firstPage()).items())
                .extracting(LogEntry::decision, LogEntry::mac, LogEntry::relay, LogEntry::circuitId, LogEntry::remoteId)
                .containsExactly(
                        tuple(Decision.GRANT, "02:00:00:00:00:0c", "198.18.3.254", "00:04:00:0c:01:07", "73:77:2d:33"),
                        tuple(Decision.OFFER, "02:00:00:00:00:0c", "198.18.3.254", "00:04:00:0c:01:07", "73:77:2d:33"),
                        tuple(Decision.RELEASE, "02:00:00:00:00:0d", null, null, null),
                        tuple(Decision.POOL_EXHAUSTED, "02:00:00:00:00:0c", "198.18.3.254", "00:04:00:0c:01:07", "73:77:2d:33"),
                        tuple(Decision.GRANT, "02:00:00:00:00:0d", null, null, null));
    }

    /** A sighting is a log row (the operator sees it in {@code log}) and touches no lease or history. */
    @Test
    void anAddressSeenInUseIsALogRowAndNothingElse() {
        applyAll(history(), 1_000);
        var withoutSighting = contents();
        var seen = new io.leaseledger.events.subnet.AddressInUseObserved(new io.leaseledger.events.types.SubnetId(NET),
                io.leaseledger.events.types.Ipv4Address.parse("198.18.3.9"),
                io.leaseledger.events.types.MacAddress.parse("02:00:00:00:00:99"), t(2100),
                io.leaseledger.events.subnet.InUseStanding.FREE, t(5700));
        List<StoredEvent> events = new ArrayList<>(history());
        events.add(new StoredEvent("ev-seen", NET, (long) events.size(), t(2100), seen));
        applyAll(events, 1_000);

        LogEntry row = queries().transactionLog(LogFilter.any().withDecision(Decision.OBSERVED_IN_USE),
                PageRequest.firstPage()).items().getFirst();
        assertThat(row.address()).isEqualTo("198.18.3.9");
        assertThat(row.mac()).isEqualTo("02:00:00:00:00:99");
        assertThat(row.detail()).isEqualTo("FREE");
        assertThat(row.expiresAt()).isEqualTo(t(5700));
        assertThat(row.transactionId()).isEqualTo("-");
        var withSighting = contents();
        withSighting.remove(TransactionLogProjection.NAME);
        withoutSighting.remove(TransactionLogProjection.NAME);
        assertThat(withSighting).isEqualTo(withoutSighting);
    }

    /** A device that only answered an ICMP echo (a conflict probe through a relay) has no MAC: the row says "-". */
    @Test
    void anAddressThatAnsweredAnEchoIsALogRowWithoutAMac() {
        var seen = new io.leaseledger.events.subnet.AddressInUseObserved(new io.leaseledger.events.types.SubnetId(NET),
                io.leaseledger.events.types.Ipv4Address.parse("198.18.3.10"), null, t(2100),
                io.leaseledger.events.subnet.InUseStanding.OFFERED, t(5700));
        List<StoredEvent> events = new ArrayList<>(history());
        events.add(new StoredEvent("ev-echo", NET, (long) events.size(), t(2100), seen));
        applyAll(events, 1_000);

        LogEntry row = queries().transactionLog(LogFilter.any().withDecision(Decision.OBSERVED_IN_USE),
                PageRequest.firstPage()).items().getFirst();
        assertThat(row.address()).isEqualTo("198.18.3.10");
        assertThat(row.mac()).isEqualTo("-");
        assertThat(row.clientId()).isNull();
        assertThat(row.detail()).isEqualTo("OFFERED");
        assertThat(row.expiresAt()).isEqualTo(t(5700));
    }

    @Test
    void anotherDhcpServerHeardIsALogRowAndNothingElse() {
        applyAll(history(), 1_000);
        var withoutSighting = contents();
        var heard = new io.leaseledger.events.subnet.ForeignDhcpServerObserved(new io.leaseledger.events.types.SubnetId(NET),
                "eth1", io.leaseledger.events.types.Ipv4Address.parse("192.168.1.1"),
                io.leaseledger.events.types.Ipv4Address.parse("192.168.1.1"),
                io.leaseledger.events.types.MacAddress.parse("02:dd:00:00:00:01"), "DHCPOFFER",
                io.leaseledger.events.types.MacAddress.parse("52:54:00:aa:bb:cc"),
                io.leaseledger.events.types.Ipv4Address.parse("192.168.1.50"), t(2100));
        List<StoredEvent> events = new ArrayList<>(history());
        events.add(new StoredEvent("ev-foreign", NET, (long) events.size(), t(2100), heard));
        applyAll(events, 1_000);

        LogEntry row = queries().transactionLog(LogFilter.any().withDecision(Decision.FOREIGN_SERVER),
                PageRequest.firstPage()).items().getFirst();
        assertThat(row.at()).isEqualTo(t(2100));
        assertThat(row.address()).isEqualTo("192.168.1.50");
        assertThat(row.mac()).isEqualTo("52:54:00:aa:bb:cc");
        assertThat(row.detail()).isEqualTo("DHCPOFFER from 192.168.1.1");
        assertThat(row.expiresAt()).isNull();
        assertThat(row.transactionId()).isEqualTo("-");
        var withSighting = contents();
        withSighting.remove(TransactionLogProjection.NAME);
        withoutSighting.remove(TransactionLogProjection.NAME);
        assertThat(withSighting).isEqualTo(withoutSighting);
    }

    private static DeviceSeen seen(String address, String mac, String iface, long second) {
        return new DeviceSeen(new SubnetId(NET), iface, Ipv4Address.parse(address), MacAddress.parse(mac), null, t(second));
    }

    /**
     * .7 leased to A and B in turn (history), A's reservation at .40; heard: A on .7 (leased to B now),
     * B on .7 twice, A on .40, a stranger on .99 five times, across two interfaces, two records late,
     * twice with the name it announced by mDNS.
     */
    private List<StoredEvent> historyWithDevicesHeard() {
        var log = new EventLog();
        history().forEach(e -> log.add((SubnetEvent) e.payload()));
        log.add(new HostReserved(new SubnetId(NET), A.chaddr(), Ipv4Address.parse("198.18.3.40"),
                Hostname.of("anna-bmc"), t(2050)));
        log.add(seen(ADDRESS, "02:00:00:00:00:0b", "eth1", 2100));
        log.add(seen("198.18.3.99", "52:54:00:00:00:99", "eth1", 2200));
        log.add(seen(ADDRESS, "02:00:00:00:00:0a", "eth1", 2300));
        log.add(seen("198.18.3.40", "02:00:00:00:00:0a", "eth1", 2400));
        log.add(seen("198.18.3.99", "52:54:00:00:00:99", "eth2", 9000));
        log.add(seen(ADDRESS, "02:00:00:00:00:0b", "eth1", 5700));
        log.add(seen("198.18.3.99", "52:54:00:00:00:99", "eth1", 1000)); // recorded late: only the first sighting moves
        log.add(new DeviceSeen(new SubnetId(NET), "eth2", Ipv4Address.parse("198.18.3.99"),
                MacAddress.parse("52:54:00:00:00:99"), Hostname.of("printer-2"), t(8000))); // by mDNS
        log.add(new DeviceSeen(new SubnetId(NET), "eth2", Ipv4Address.parse("198.18.3.99"),
                MacAddress.parse("52:54:00:00:00:99"), Hostname.of("printer-1"), t(7000))); // an older name, late
        return log.events();
    }

    @Test
    void devicesHeardAreListedOncePerAddressAndMacWithWhatTheServerKnowsOfThem() {
        applyAll(history(), 1_000);
        var withoutDevices = contents();
        runners.forEach(ProjectionRunner::reset);
        applyAll(historyWithDevicesHeard(), 3);

        var q = new DiscoveryQueries(db());
        Page<Discovery> all = q.devices(DiscoveryFilter.any(), PageRequest.firstPage());
        assertThat(all.items()).extracting(Discovery::address, Discovery::mac, Discovery::iface, Discovery::firstSeen,
                        Discovery::lastSeen, Discovery::records, Discovery::known, Discovery::hostname, Discovery::mdnsHostname)
                .containsExactly(
                        tuple(ADDRESS, "02:00:00:00:00:0a", "eth1", t(2300), t(2300), 1L, Discovery.Known.RESERVATION, "anna-bmc", null),
                        tuple(ADDRESS, "02:00:00:00:00:0b", "eth1", t(2100), t(5700), 2L, Discovery.Known.LEASE, "bert", null),
                        tuple("198.18.3.40", "02:00:00:00:00:0a", "eth1", t(2400), t(2400), 1L, Discovery.Known.RESERVATION, "anna-bmc", null),
                        tuple("198.18.3.99", "52:54:00:00:00:99", "eth2", t(1000), t(9000), 5L, null, null, "printer-2"));
        assertThat(all.hasNext()).isFalse();
        assertThat(q.devices(new DiscoveryFilter(null, null, true), PageRequest.firstPage()).items())
                .extracting(Discovery::address).containsExactly("198.18.3.99");
        assertThat(q.devices(new DiscoveryFilter(NET, "02:00:00:00:00:0A", false), PageRequest.firstPage()).items())
                .extracting(Discovery::address).containsExactly(ADDRESS, "198.18.3.40");
        assertThat(q.devices(new DiscoveryFilter("198.18.4.0/24", null, false), PageRequest.firstPage()).items()).isEmpty();
        assertThat(q.unknownSince(t(9000))).containsExactly(Map.entry(NET, 1L));
        assertThat(q.unknownSince(t(9001))).as("the stranger last recorded before").isEmpty();

        List<Discovery> paged = new ArrayList<>();
        Page<Discovery> page = q.devices(DiscoveryFilter.any(), PageRequest.first(1));
        paged.addAll(page.items());
        while (page.hasNext()) {
            page = q.devices(DiscoveryFilter.any(), new PageRequest(1, page.nextCursor()));
            paged.addAll(page.items());
        }
        assertThat(paged).isEqualTo(all.items());
        assertThatThrownBy(() -> q.devices(DiscoveryFilter.any(), new PageRequest(1, "bm90IGEgY3Vyc29y")))
                .isInstanceOf(io.leaseledger.projections.query.InvalidCursorException.class);
        assertThatThrownBy(() -> q.devices(new DiscoveryFilter(null, "not-a-mac", false), PageRequest.firstPage()))
                .isInstanceOf(IllegalArgumentException.class);

        // Nothing else changes: the leases' other tables, the history, the log.
        var withDevices = contents();
        for (var tables : List.of(withDevices, withoutDevices)) {
            tables.get(LeasesProjection.NAME).remove("discovered_device");
            tables.get(LeasesProjection.NAME).remove("host_reservation");
        }
        assertThat(withDevices).isEqualTo(withoutDevices);
    }

    /**
     * A clear drops the rows it names (a MAC's, an address's, or all) and nothing else; the records
     * after it list a device anew, its first sighting the one after the clear.
     */
    @Test
    void clearedDevicesLeaveTheListAndComeBackAnewWhenHeardAgain() {
        var log = new EventLog();
        historyWithDevicesHeard().forEach(e -> log.add((SubnetEvent) e.payload()));
        SubnetId net = new SubnetId(NET);
        log.add(new DiscoveriesCleared(net, MacAddress.parse("02:00:00:00:00:0a"), null, t(9100)));
        applyAll(log.events(), 2);
        var q = new DiscoveryQueries(db());
        assertThat(q.devices(DiscoveryFilter.any(), PageRequest.firstPage()).items())
                .extracting(Discovery::address, Discovery::mac)
                .containsExactly(tuple(ADDRESS, "02:00:00:00:00:0b"), tuple("198.18.3.99", "52:54:00:00:00:99"));

        log.add(new DiscoveriesCleared(net, null, Ipv4Address.parse("198.18.3.99"), t(9200)));
        log.add(seen("198.18.3.40", "02:00:00:00:00:0a", "eth1", 9300));
        applyAll(log.events(), 1_000);
        assertThat(q.devices(DiscoveryFilter.any(), PageRequest.firstPage()).items())
                .extracting(Discovery::address, Discovery::mac, Discovery::firstSeen, Discovery::records)
                .containsExactly(tuple(ADDRESS, "02:00:00:00:00:0b", t(2100), 2L),
                        tuple("198.18.3.40", "02:00:00:00:00:0a", t(9300), 1L));

        log.add(new DiscoveriesCleared(net, null, null, t(9400)));
        applyAll(log.events(), 1_000);
        assertThat(q.devices(DiscoveryFilter.any(), PageRequest.firstPage()).items()).isEmpty();
        var cleared = contents();

        runners.forEach(ProjectionRunner::reset);
        applyAll(log.events(), 7);
        assertThat(contents()).as("replayed in other batches").isEqualTo(cleared);
        assertThat(cleared.get(LeasesProjection.NAME).get("host_reservation")).as("reservations stay").isNotEmpty();
    }

    @Test
    void applyingEventsTwiceChangesNothingAndBatchSizeDoesNotMatter() {
        applyAll(history(), 1);
        var oneByOne = contents();
        applyAll(history(), 5);   // every event again: duplicates by sequence number
        assertThat(contents()).isEqualTo(oneByOne);
        runners.forEach(ProjectionRunner::reset);
        assertThat(contents().values()).allMatch(tables -> tables.values().stream().allMatch(List::isEmpty));
        applyAll(history(), 1_000);
        assertThat(contents()).isEqualTo(oneByOne);
        assertThat(runners.getFirst().position()).contains(new SourcePosition("test", Integer.toString(history().size())));
        assertThat(runners.getFirst().eventsApplied()).isEqualTo(history().size());
    }

    /**
     * The log's row key numbers the rows in the order they were applied, and carries on from the
     * table after a restart (a new projection object, nothing in memory).
     */
    @Test
    void logRowsAreNumberedInTheOrderAppliedAcrossRestarts() {
        List<StoredEvent> events = history();
        int first = 9;
        applyAll(events.subList(0, first), 4);
        var log = io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
        ProjectionRunner restarted = new ProjectionRunner(new TransactionLogProjection(), db(), CLOCK);
        restarted.apply(events.subList(first, events.size()), new SourcePosition("test", Integer.toString(events.size())));
        List<Long> ids = db().select(log.ID).from(log).orderBy(log.ID).fetch(log.ID);
        List<Long> sequences = db().select(log.SEQ).from(log).orderBy(log.ID).fetch(log.SEQ);
        assertThat(ids).hasSize(events.size() - 3);   // the subnet and its two ranges are not decisions
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i + 1L);
        }
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
    }

    /**
     * A live batch whose rows reached the database but whose transaction then failed (here every
     * projection's flush, after its rows were written, before the position) moves nothing: rows,
     * position and sequence numbers per subnet stay where the previous batch left them. The same
     * runner then applies the batch again as if it had never failed: it and its projection forgot
     * what they had moved on in memory (a sequence number kept would pass the whole batch over as
     * duplicates; a log row number kept would leave a gap).
     */
    @Test
    void aLiveBatchThatFailsPartWayMovesNothingAndAppliesAgainAfterwards() {
        List<StoredEvent> events = history();
        int first = 6;
        List<FailingFlush> projections = Projections.all().stream().map(FailingFlush::new).toList();
        runners = projections.stream().map(p -> new ProjectionRunner(p, db(), CLOCK)).toList();
        SourcePosition before = new SourcePosition("test", Integer.toString(first));
        SourcePosition after = new SourcePosition("test", Integer.toString(events.size()));
        runners.forEach(r -> r.apply(events.subList(0, first), before));
        var atFirst = contents();

        List<StoredEvent> rest = events.subList(first, events.size());
        for (int i = 0; i < runners.size(); i++) {
            ProjectionRunner runner = runners.get(i);
            projections.get(i).failNextFlush();
            assertThatThrownBy(() -> runner.apply(rest, after)).hasMessageContaining("flush failed");
            assertThat(runner.position()).as(runner.projection().name()).contains(before);
            assertThat(runner.eventsApplied()).as(runner.projection().name()).isEqualTo(first);
            assertThat(lastSequences(runner)).as(runner.projection().name()).containsExactly(Map.entry(NET, first - 1L));
        }
        assertThat(contents()).isEqualTo(atFirst);

        runners.forEach(r -> r.apply(rest, after));
        var retried = contents();
        var log = io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
        assertThat(db().select(log.ID).from(log).orderBy(log.ID).fetch(log.ID))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size() - 3).boxed().toList());
        for (ProjectionRunner runner : runners) {
            assertThat(runner.position()).as(runner.projection().name()).contains(after);
            assertThat(runner.eventsApplied()).as(runner.projection().name()).isEqualTo(events.size());
        }
        runners = Projections.all().stream().map(p -> new ProjectionRunner(p, db(), CLOCK)).toList();
        runners.forEach(ProjectionRunner::reset);
        applyAll(events, 1_000);
        assertThat(retried).isEqualTo(contents());
    }

    private Map<String, Long> lastSequences(ProjectionRunner runner) {
        return db().select(PROJECTION_SUBNET_POSITION.SUBNET, PROJECTION_SUBNET_POSITION.LAST_SEQUENCE)
                .from(PROJECTION_SUBNET_POSITION)
                .where(PROJECTION_SUBNET_POSITION.PROJECTION.eq(runner.projection().name()))
                .fetchMap(PROJECTION_SUBNET_POSITION.SUBNET, PROJECTION_SUBNET_POSITION.LAST_SEQUENCE);
    }

    /** A projection whose next flush, once armed, writes its rows and then throws. */
    private static final class FailingFlush implements Projection {
        private final Projection delegate;
        private boolean armed;

        FailingFlush(Projection delegate) {
            this.delegate = delegate;
        }

        void failNextFlush() {
            armed = true;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<Table<?>> tables() {
            return delegate.tables();
        }

        @Override
        public void begin(DSLContext tx) {
            delegate.begin(tx);
        }

        @Override
        public void apply(StoredEvent event) {
            delegate.apply(event);
        }

        @Override
        public void flush(DSLContext tx) {
            delegate.flush(tx);
            if (armed) {
                armed = false;
                throw new IllegalStateException("flush failed after writing " + name() + "'s rows");
            }
        }

        @Override
        public void forget() {
            delegate.forget();
        }
    }

    Map<String, Map<String, List<List<Object>>>> contents() {
        Map<String, Map<String, List<List<Object>>>> all = new java.util.LinkedHashMap<>();
        for (ProjectionRunner r : runners) {
            all.put(r.projection().name(), TableContents.of(db(), r.projection()));
        }
        return all;
    }
}
