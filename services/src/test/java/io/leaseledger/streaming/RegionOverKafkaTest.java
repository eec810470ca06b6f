package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.groupcommit.SubnetWork;
import io.leaseledger.projections.Projection;
import io.leaseledger.projections.TableContents;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.region.RegionNode;
import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rack and a region over a real broker: after a load (leases granted and some released), the
 * region's projections in PostgreSQL hold exactly the rows the same projections hold when built
 * from the rack's own event store.
 */
class RegionOverKafkaTest {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path dir;
    private String database;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private ProjectionsConfiguration regionDatabase() throws Exception {
        Assumptions.assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        database = "leaseledger_kafka_region_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new ProjectionsConfiguration(true, "postgresql", dir, Optional.of("jdbc:postgresql://127.0.0.1:5432/" + database),
                Optional.of("postgres"), Optional.empty(), 500, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
    }

    @Test
    void theRegionsProjectionsEqualThoseOfTheRacksStore() throws Exception {
        ProjectionsConfiguration regionProjections = regionDatabase();
        KafkaBroker broker = opened(KafkaBroker.start(dir.resolve("kafka")));
        KafkaConfiguration kafka = broker.configuration();
        Rack rack = opened(new Rack(dir.resolve("rack")).withSubnets(3));
        KafkaPublisher publisher = opened(Publishing.start(kafka, "rack-1", rack.store));
        RegionNode region = opened(RegionNode.start(regionProjections, kafka, "region", Clock.systemUTC()));

        List<CompletableFuture<Decision>> acks = rack.load(0, 150);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        // Every tenth client releases its lease: the history and the log get more than grants.
        List<CompletableFuture<Decision>> releases = new ArrayList<>();
        for (int n = 0; n < 150; n += 10) {
            for (var subnet : rack.subnets) {
                Decision.Ack ack = (Decision.Ack) acks.get(n * rack.subnets.size() + rack.subnets.indexOf(subnet)).join();
                releases.add(rack.gateway.decide(subnet, ClientMessage.release(Rack.client(n), TransactionId.of(n + 100_000),
                        Rack.SERVER, ack.address())));
            }
        }
        CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        // Another DHCP server heard on the first subnet's link: a sighting, not a lease, on the stream too.
        var rogue = Ipv4Address.parse("192.168.1.1");
        assertThat(rack.gateway.reportForeignServer(rack.subnets.getFirst(), new SubnetWork.ForeignServer("eth1", rogue, rogue,
                null, "DHCPOFFER", Rack.client(7).chaddr(), Ipv4Address.parse("192.168.1.50"))).get(60, TimeUnit.SECONDS)).isTrue();

        long stored = rack.storedEvents().size();
        awaitApplied(region, stored);
        assertThat(region.consumer().refused()).isZero();
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new RegionConsumerMetrics(region.consumer()).bindTo(registry);
        assertThat(registry.get("leaseledger.region.events.applied").functionCounter().count()).isEqualTo((double) stored);
        assertThat(registry.get("leaseledger.region.records.refused").functionCounter().count()).isZero();

        assertRegionHoldsWhatTheRackHolds(region, rack);
        assertThat(region.dsl().fetchCount(TRANSACTION_LOG, TRANSACTION_LOG.DECISION.eq(io.leaseledger.projections.Decision.FOREIGN_SERVER.name())
                .and(TRANSACTION_LOG.DETAIL.eq("DHCPOFFER from 192.168.1.1")))).isEqualTo(1);
        assertThat(publisher.status().backlog()).isZero();
    }

    @Test
    void aRegionProjectionLeftWithRowsButNoPositionStartsAgainFromEmptyTables() throws Exception {
        ProjectionsConfiguration regionProjections = regionDatabase();
        KafkaBroker broker = opened(KafkaBroker.start(dir.resolve("kafka")));
        KafkaConfiguration kafka = broker.configuration();
        Rack rack = opened(new Rack(dir.resolve("rack")).withSubnets(2));
        opened(Publishing.start(kafka, "rack-1", rack.store));
        List<CompletableFuture<Decision>> acks = rack.load(0, 40);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long stored = rack.storedEvents().size();

        try (RegionNode region = RegionNode.start(regionProjections, kafka, "region", Clock.systemUTC())) {
            awaitApplied(region, stored);
            // What a crash in the middle of a reset leaves: the positions gone, the rows still there.
            region.dsl().deleteFrom(io.leaseledger.projections.tables.Tables.PROJECTION_POSITION).execute();
            region.dsl().deleteFrom(io.leaseledger.projections.tables.Tables.PROJECTION_SUBNET_POSITION).execute();
        }

        RegionNode region = opened(RegionNode.start(regionProjections, kafka, "region", Clock.systemUTC()));
        awaitApplied(region, stored);
        assertRegionHoldsWhatTheRackHolds(region, rack);
    }

    @Test
    void aRegionWhoseProjectionsRefuseWritesIsFailingUntilTheyTakeThemAgain() throws Exception {
        OneSubnet lab = oneSubnetPublishedToARegion();
        Rack rack = lab.rack();
        RegionNode region = lab.region();
        assertThat(region.consumer().failing()).isEmpty();
        region.dsl().execute("CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN"
                + " RAISE EXCEPTION 'the test''s region database refuses this insert'; END $$ LANGUAGE plpgsql");
        region.dsl().execute("CREATE TRIGGER refuse_log BEFORE INSERT ON transaction_log FOR EACH ROW EXECUTE FUNCTION refuse_insert()");

        List<CompletableFuture<Decision>> acks = rack.load(0, 20);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        awaitFailing(region);
        assertThat(region.consumer().failing()).as("the region's health while its projections refuse writes")
                .hasValueSatisfying(f -> assertThat(f.cause()).contains("refuses this insert"));
        // Failing for as long as the refusal lasts, not only between two retries.
        Thread.sleep(3_000);
        assertThat(region.consumer().failing()).hasValueSatisfying(f ->
                assertThat(f.failingFor()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(3)));

        region.dsl().execute("DROP TRIGGER refuse_log ON transaction_log");
        awaitApplied(region, rack.storedEvents().size());
        assertThat(region.consumer().failing()).as("once a batch is applied").isEmpty();
        assertRegionHoldsWhatTheRackHolds(region, rack);
    }

    @Test
    void aRegionWhoseBrokerIsGoneIsFailingUntilItIsBack() throws Exception {
        OneSubnet lab = oneSubnetPublishedToARegion();
        KafkaBroker broker = lab.broker();
        Rack rack = lab.rack();
        RegionNode region = lab.region();
        CompletableFuture.allOf(rack.load(0, 10).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        awaitApplied(region, rack.storedEvents().size());
        assertThat(region.consumer().failing()).isEmpty();

        // An idle consumer whose broker is gone polls empty, as one with nothing to read does.
        broker.stopBroker();
        awaitFailing(region);
        assertThat(region.consumer().failing()).as("a region whose broker is gone").isPresent();

        broker.startBroker();
        CompletableFuture.allOf(rack.load(10, 10).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        awaitApplied(region, rack.storedEvents().size());
        assertThat(region.consumer().failing()).as("once it applied what came after").isEmpty();
        assertRegionHoldsWhatTheRackHolds(region, rack);
    }

    /** A broker, a rack of one subnet publishing to it, and a region consuming it. */
    private record OneSubnet(KafkaBroker broker, Rack rack, RegionNode region) {}

    private OneSubnet oneSubnetPublishedToARegion() throws Exception {
        ProjectionsConfiguration regionProjections = regionDatabase();
        KafkaBroker broker = opened(KafkaBroker.start(dir.resolve("kafka")));
        KafkaConfiguration kafka = broker.configuration();
        Rack rack = opened(new Rack(dir.resolve("rack")).withSubnets(1));
        opened(Publishing.start(kafka, "rack-1", rack.store));
        return new OneSubnet(broker, rack, opened(RegionNode.start(regionProjections, kafka, "region", Clock.systemUTC())));
    }

    /** Until the region's consumer reports a failure, at most 60 s. */
    private static void awaitFailing(RegionNode region) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (region.consumer().failing().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The region's tables equal the same projections built from the rack's own store. */
    private void assertRegionHoldsWhatTheRackHolds(RegionNode region, Rack rack) {
        ProjectionsConfiguration rackProjections = new ProjectionsConfiguration(true, "h2", dir.resolve("rack-projections"),
                Optional.empty(), Optional.empty(), Optional.empty(), 500, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
        try (ReadSide local = ReadSide.open(rackProjections, rack.store, Clock.systemUTC())) {
            local.tail().catchUp();
            for (Projection projection : local.projections()) {
                assertThat(TableContents.of(region.dsl(), projection)).as(projection.name())
                        .isEqualTo(TableContents.of(local.dsl(), projection));
            }
        }
    }

    private static void awaitApplied(RegionNode region, long events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (region.consumer().applied() < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(region.consumer().applied()).as("events applied by the region").isEqualTo(events);
    }
}
