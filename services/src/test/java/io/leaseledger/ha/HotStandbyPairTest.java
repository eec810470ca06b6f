package io.leaseledger.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.streaming.KafkaBroker;
import io.leaseledger.wire.dhcp4.MessageType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes as a hot-standby pair over a real (in-JVM) Kafka broker, on loopback behind a
 * relay that forwards to both: only the primary answers; when it stops, the standby takes over
 * with every lease the primary granted; when it comes back, it first takes in what the standby
 * granted meanwhile, and then the standby stands by again.
 */
class HotStandbyPairTest {
    private static final Duration REPLY_WAIT = Duration.ofMillis(1_500);
    private static final byte[] FIRST = {0x52, 0x54, 0, 0, 0x0a, 0x01};
    private static final byte[] SECOND = {0x52, 0x54, 0, 0, 0x0a, 0x02};
    private static final byte[] THIRD = {0x52, 0x54, 0, 0, 0x0a, 0x03};
    private static final byte[] ON_THE_OTHER_SUBNET = {0x52, 0x54, 0, 0, 0x0b, 0x01};

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    /** @param onlyHere a subnet only this node serves (the other node's configuration lacks it), or "" */
    private LeaseLedgerConfiguration config(String name, String role, String partner, int port, String kafka,
                                            String onlyHere) throws Exception {
        String yaml = """
                node:
                  name: %s
                kafka:
                  bootstrap-servers: [%s]
                  partitions: 2
                  replication-factor: 1
                ha:
                  mode: hot-standby
                  role: %s
                  partner: %s
                  heartbeat-interval: 1s
                  max-response-delay: 3s
                  max-unacked-clients: 1
                  max-ack-delay: 5s
                  sync-timeout: 30s
                server:
                  port: %d
                  bind: [127.0.0.1]
                  warm-up: false
                store:
                  kind: h2
                  path: %s
                projections:
                  enabled: false
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    lease-time: 10m
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                """.formatted(name, kafka, role, partner, port, dir.resolve(name)) + onlyHere;
        return new ConfigurationLoader(HostInterfaces.system()).parse(yaml, name + ".yaml");
    }

    @Test
    void theStandbyTakesOverWithThePrimarysLeasesAndHandsBackWithItsOwn() throws Exception {
        KafkaBroker broker = opened(KafkaBroker.start(dir.resolve("kafka")));
        int portA = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        int portB = portA + 1;
        // A subnet the standby's file lacks (a configuration drift): its events are passed over there.
        var configA = config("rack-a", "primary", "rack-b", portA, broker.bootstrapServers(), """
                  - cidr: 198.18.1.0/24
                    gateway: 198.18.1.1
                    ranges:
                      - {start: 198.18.1.100, end: 198.18.1.199, kind: dynamic}
                """);
        var configB = config("rack-b", "standby", "rack-a", portB, broker.bootstrapServers(), "");
        PairRelay relay = opened(new PairRelay(portA, portB));

        LeaseLedgerNode a = LeaseLedgerNode.start(configA, Clock.systemUTC());
        AtomicBoolean aClosed = new AtomicBoolean();
        opened(() -> {
            if (!aClosed.getAndSet(true)) {
                a.close();
            }
        });
        LeaseLedgerNode b = opened(LeaseLedgerNode.start(configB, Clock.systemUTC()));
        awaitState(a, HaState.SERVING);
        awaitState(b, HaState.STANDBY);

        List<PairRelay.Reply> elsewhere = relay.dora(ON_THE_OTHER_SUBNET, 0, REPLY_WAIT,
                Ipv4Address.parse("198.18.1.1"));
        assertThat(elsewhere).hasSize(1);
        assertThat(elsewhere.getFirst().serverPort()).isEqualTo(portA);
        // Only the primary answers; the standby counts what it left to its partner.
        List<PairRelay.Reply> first = relay.dora(FIRST, 0, REPLY_WAIT);
        assertThat(first).hasSize(1);
        assertThat(first.getFirst().serverPort()).isEqualTo(portA);
        assertThat(first.getFirst().message().messageType()).isEqualTo(MessageType.ACK);
        Ipv4Address firstAddress = Ipv4Address.of(first.getFirst().message().yiaddr());
        await("the standby took the primary's offer and grant", () -> ha(b).status().partnerEventsTaken() >= 2);
        assertThat(ha(b).status().partnerEventsPassedOver()).as("the other subnet's offer and grant").isEqualTo(2);
        assertThat(metric(b, HaState.STANDBY)).isEqualTo(1.0);

        // The primary stops. The first client keeps asking for its address, and has been for 10 s.
        aClosed.set(true);
        a.close();
        List<PairRelay.Reply> renewal = List.of();
        for (int attempt = 0; attempt < 15 && renewal.isEmpty(); attempt++) {
            renewal = relay.renew(FIRST, firstAddress, 10, Duration.ofSeconds(1));
        }
        assertThat(renewal).as("the standby answers once the primary is gone").hasSize(1);
        assertThat(renewal.getFirst().serverPort()).isEqualTo(portB);
        assertThat(renewal.getFirst().message().messageType()).isEqualTo(MessageType.ACK);
        assertThat(renewal.getFirst().message().yiaddr()).isEqualTo(firstAddress.value());
        assertThat(ha(b).status().state()).isEqualTo(HaState.PARTNER_DOWN);
        // A new client gets another address: the standby knows the first one is taken.
        List<PairRelay.Reply> second = relay.dora(SECOND, 0, REPLY_WAIT);
        assertThat(second).hasSize(1);
        Ipv4Address secondAddress = Ipv4Address.of(second.getFirst().message().yiaddr());
        assertThat(secondAddress).isNotEqualTo(firstAddress);

        // The primary comes back on its own store: it takes in the standby's grants, then serves.
        LeaseLedgerNode back = opened(LeaseLedgerNode.start(configA, Clock.systemUTC()));
        awaitState(b, HaState.STANDBY);
        awaitState(back, HaState.SERVING);
        assertThat(ha(back).status().partnerEventsTaken()).isGreaterThanOrEqualTo(3);
        List<PairRelay.Reply> secondRenewal = relay.renew(SECOND, secondAddress, 0, REPLY_WAIT);
        assertThat(secondRenewal).hasSize(1);
        assertThat(secondRenewal.getFirst().serverPort()).isEqualTo(portA);
        assertThat(secondRenewal.getFirst().message().messageType()).isEqualTo(MessageType.ACK);
        List<PairRelay.Reply> third = relay.dora(THIRD, 0, REPLY_WAIT);
        assertThat(third).hasSize(1);
        assertThat(third.getFirst().serverPort()).isEqualTo(portA);
        assertThat(Ipv4Address.of(third.getFirst().message().yiaddr())).isNotIn(firstAddress, secondAddress);
    }

    private static HighAvailability ha(LeaseLedgerNode node) {
        return node.ha().orElseThrow();
    }

    private static double metric(LeaseLedgerNode node, HaState state) {
        return node.context().getBean(DhcpMetrics.class).registry().get("leaseledger.ha.state")
                .tag("state", state.wireName()).gauge().value();
    }

    private static void awaitState(LeaseLedgerNode node, HaState state) throws InterruptedException {
        await("state " + state.wireName(), () -> ha(node).status().state() == state);
    }

    /** Bounded: 30 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
