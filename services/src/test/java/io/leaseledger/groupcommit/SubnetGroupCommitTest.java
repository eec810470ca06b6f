package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leaseledger.groupcommit.SubnetFixture.SUBNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit with the real Subnet aggregate and DecideClientMessages, on an H2 file. */
class SubnetGroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dataDirectory;

    private final MutableClock clock = new MutableClock(T0);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private StoreSettings settings() {
        return StoreSettings.h2(dataDirectory);
    }

    private AxonStore startStore(StoreSettings settings) {
        AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates());
        open.add(store);
        return store;
    }

    private SubnetGateway gateway(AxonStore store) {
        SubnetGateway gateway = new SubnetGateway(store.commandGateway(), clock, store.settings().mailbox());
        open.add(gateway);
        return gateway;
    }

    @Test
    void concurrentClientsShareCommitsAndEachDecisionArrivesOnlyAfterItsCommit() throws Exception {
        AxonStore store = startStore(settings());
        SubnetFixture.define(store, T0);
        SubnetGateway gateway = gateway(store);
        int clients = 400;
        AtomicInteger delivered = new AtomicInteger();
        List<String> violations = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Decision>> futures = new CopyOnWriteArrayList<>();
        try (Connection reader = DriverManager.getConnection(settings().jdbcUrl(), "sa", "")) {
            ExecutorService submitters = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                submitters.execute(() -> {
                    for (int n = thread; n < clients; n += 8) {
                        futures.add(gateway.decide(SUBNET, SubnetFixture.discover(n)).whenComplete((decision, failure) -> {
                            // Completions of one subnet run one at a time, in order: when the
                            // k-th offer is delivered, at least k offers must be committed.
                            int k = delivered.incrementAndGet();
                            long committed = committedOffers(reader);
                            if (committed < k) {
                                violations.add("offer " + k + " delivered with " + committed + " committed");
                            }
                        }));
                    }
                });
            }
            submitters.shutdown();
            assertThat(submitters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(violations).isEmpty();
        Set<Ipv4Address> offered = new HashSet<>();
        for (CompletableFuture<Decision> future : futures) {
            assertThat(future.join()).isInstanceOf(Decision.Offer.class);
            offered.add(((Decision.Offer) future.join()).address());
        }
        assertThat(offered).hasSize(clients);
        MailboxStats.Snapshot stats = gateway.stats();
        assertThat(stats.decided()).isEqualTo(clients);
        assertThat(stats.commits()).isLessThan(clients);
    }

    @Test
    void decisionsOfASubnetCompleteInArrivalOrder() throws Exception {
        AxonStore store = startStore(settings());
        SubnetFixture.define(store, T0);
        SubnetGateway gateway = gateway(store);
        List<Integer> completed = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Decision>> futures = new ArrayList<>();

        for (int n = 0; n < 300; n++) {
            int client = n;
            futures.add(gateway.decide(SUBNET, SubnetFixture.discover(n)).whenComplete((d, f) -> completed.add(client)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(completed).isSorted().hasSize(300);
        assertThat(gateway.stats().commits()).isLessThan(300);
    }

    @Test
    void leasesSurviveARestartOfTheStore() throws Exception {
        StoreSettings settings = settings();
        List<Ipv4Address> granted = new ArrayList<>();
        try (AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates());
             SubnetGateway gateway = new SubnetGateway(store.commandGateway(), clock, settings.mailbox())) {
            SubnetFixture.define(store, T0);
            for (int n = 0; n < 20; n++) {
                granted.add(dora(gateway, n));
            }
        }

        AxonStore store = startStore(settings);
        SubnetGateway gateway = gateway(store);
        // The same client asking again (INIT-REBOOT) is granted its address...
        Decision again = gateway.decide(SUBNET, ClientMessage.initReboot(SubnetFixture.client(7),
                io.leaseledger.events.types.TransactionId.of(99), SubnetFixture.SERVER, granted.get(7),
                io.leaseledger.events.subnet.Delivery.BROADCAST)).get(10, TimeUnit.SECONDS);
        assertThat(again).isInstanceOf(Decision.Ack.class);
        assertThat(((Decision.Ack) again).address()).isEqualTo(granted.get(7));
        // ...and a new client is offered none of the held addresses.
        Decision fresh = gateway.decide(SUBNET, SubnetFixture.discover(1_000)).get(10, TimeUnit.SECONDS);
        assertThat(granted).doesNotContain(((Decision.Offer) fresh).address());
    }

    @Test
    void aSubnetSnapshotIsTakenAndARestartLoadsFromIt() throws Exception {
        StoreSettings settings = settings().withSnapshots(new StoreSettings.Snapshots(true, 20, 1.0, 1));
        List<Ipv4Address> granted = new ArrayList<>();
        try (AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates());
             SubnetGateway gateway = new SubnetGateway(store.commandGateway(), clock, settings.mailbox())) {
            SubnetFixture.define(store, T0);
            for (int n = 0; n < 30; n++) {
                granted.add(dora(gateway, n));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.snapshotsTaken() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.snapshotsTaken()).isPositive();
        }

        AxonStore store = startStore(settings);
        SubnetGateway gateway = gateway(store);
        Decision again = gateway.decide(SUBNET, ClientMessage.initReboot(SubnetFixture.client(29),
                io.leaseledger.events.types.TransactionId.of(99), SubnetFixture.SERVER, granted.get(29),
                io.leaseledger.events.subnet.Delivery.BROADCAST)).get(10, TimeUnit.SECONDS);
        assertThat(again).isInstanceOf(Decision.Ack.class);
        // The trigger learned the state's size from the snapshot the subnet was loaded from.
        assertThat(store.snapshotSizes().lastSize(SUBNET.toString())).isPositive();
    }

    @Test
    void aFailedCommitFailsItsBatchAndTheMailboxServesTheNextPackets() throws Exception {
        StoreSettings settings = settings();
        AxonStore store = startStore(settings);
        SubnetFixture.define(store, T0);
        SubnetGateway gateway = gateway(store);
        dora(gateway, 1);

        execute(settings, "ALTER TABLE domainevententry RENAME TO domainevententry_gone");
        CompletableFuture<Decision> lost = gateway.decide(SUBNET, SubnetFixture.discover(2));
        assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
        execute(settings, "ALTER TABLE domainevententry_gone RENAME TO domainevententry");

        Decision next = gateway.decide(SUBNET, SubnetFixture.discover(3)).get(10, TimeUnit.SECONDS);
        assertThat(next).isInstanceOf(Decision.Offer.class);
        assertThat(gateway.stats().failedBatches()).isEqualTo(1);
        try (Connection reader = DriverManager.getConnection(settings.jdbcUrl(), "sa", "")) {
            // Client 1's offer and the offer to client 3; the failed offer to client 2 left nothing.
            assertThat(committedOffers(reader)).isEqualTo(2);
        }
    }

    @Test
    void expiredLeasesAreReclaimedThroughTheMailboxAtTheClocksTime() throws Exception {
        AxonStore store = startStore(settings());
        SubnetFixture.define(store, T0);
        SubnetGateway gateway = gateway(store);
        dora(gateway, 1);
        dora(gateway, 2);

        ReclaimOutcome early = gateway.reclaim(SUBNET, 256).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofHours(2));
        ReclaimOutcome late = gateway.reclaim(SUBNET, 1).get(10, TimeUnit.SECONDS);

        assertThat(early.leasesExpired()).isZero();
        assertThat(late.leasesExpired()).isEqualTo(1);
        assertThat(late.moreDue()).isTrue();
    }

    @Test
    void theSchedulerReclaimsUntilNothingIsDue() throws Exception {
        SubnetGateway gateway = gatewayWithFiveExpiredLeases();
        try (ReclaimScheduler scheduler = new ReclaimScheduler(gateway, () -> List.of(SUBNET), 2)) {
            scheduler.tick();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (expiredLeases(settings()) < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(expiredLeases(settings())).isEqualTo(5);
    }

    @Test
    void aClosedSchedulerQueuesNoMoreReclaims() throws Exception {
        SubnetGateway gateway = gatewayWithFiveExpiredLeases();
        long acceptedBefore = gateway.stats().accepted();
        ReclaimScheduler scheduler = new ReclaimScheduler(gateway, () -> List.of(SUBNET), 2);

        scheduler.close();
        scheduler.tick();

        // A node closes it before draining its mailboxes: nothing may be queued behind the drain.
        assertThat(gateway.drain(Duration.ofSeconds(5))).isTrue();
        assertThat(gateway.stats().accepted()).isEqualTo(acceptedBefore);
        assertThat(expiredLeases(settings())).isZero();
    }

    /** Five clients leased, then the clock two hours on: their leases are due to be reclaimed. */
    private SubnetGateway gatewayWithFiveExpiredLeases() throws Exception {
        AxonStore store = startStore(settings());
        SubnetFixture.define(store, T0);
        SubnetGateway gateway = gateway(store);
        for (int n = 0; n < 5; n++) {
            dora(gateway, n);
        }
        clock.advance(Duration.ofHours(2));
        return gateway;
    }

    private static Ipv4Address dora(SubnetGateway gateway, int client) throws Exception {
        Decision offer = gateway.decide(SUBNET, SubnetFixture.discover(client)).get(10, TimeUnit.SECONDS);
        Ipv4Address address = ((Decision.Offer) offer).address();
        Decision ack = gateway.decide(SUBNET, SubnetFixture.request(client, address)).get(10, TimeUnit.SECONDS);
        assertThat(ack).isInstanceOf(Decision.Ack.class);
        return address;
    }

    private static long committedOffers(Connection reader) {
        return countOfType(reader, LeaseOffered.class.getName());
    }

    private static long expiredLeases(StoreSettings settings) throws SQLException {
        try (Connection reader = DriverManager.getConnection(settings.jdbcUrl(), "sa", "")) {
            return countOfType(reader, io.leaseledger.events.subnet.LeaseExpired.class.getName());
        }
    }

    private static long countOfType(Connection reader, String type) {
        synchronized (reader) {
            try (PreparedStatement s = reader.prepareStatement(
                    "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")) {
                s.setString(1, SUBNET.toString());
                s.setString(2, type);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void execute(StoreSettings settings, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
