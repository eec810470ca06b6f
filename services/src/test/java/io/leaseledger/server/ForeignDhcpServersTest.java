package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.foreign.ForeignReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ForeignDhcpServersTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Optional<MacAddress> ROGUE_MAC = Optional.of(MacAddress.parse("02:dd:00:00:00:01"));

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    /** What the list handed to the event log's recorder. */
    private final List<ForeignReply> recorded = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ForeignDhcpServers.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    private static ForeignReply reply(String iface, String server, String type, String offered) {
        return new ForeignReply(iface, Ipv4Address.parse(server), Ipv4Address.parse(server), ROGUE_MAC, type,
                "52:54:00:aa:bb:cc", Optional.ofNullable(offered).map(Ipv4Address::parse));
    }

    @Test
    void eachServerIsOneEntryPerInterfaceWithItsFirstAndLastReply() {
        var registry = new ForeignDhcpServers(clock, recorded::add);
        registry.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50"));
        now.set(T0.plusSeconds(5));
        registry.accept(reply("eth1", "192.168.1.1", "DHCPACK", "192.168.1.50"));
        now.set(T0.plusSeconds(7));
        registry.accept(reply("eth2", "192.168.1.1", "DHCPNAK", null));

        assertThat(registry.servers()).containsExactly(
                new ForeignDhcpServers.Server("eth2", Ipv4Address.parse("192.168.1.1"), Ipv4Address.parse("192.168.1.1"),
                        ROGUE_MAC, T0.plusSeconds(7), T0.plusSeconds(7), 1, "DHCPNAK", "52:54:00:aa:bb:cc", Optional.empty()),
                new ForeignDhcpServers.Server("eth1", Ipv4Address.parse("192.168.1.1"), Ipv4Address.parse("192.168.1.1"),
                        ROGUE_MAC, T0, T0.plusSeconds(5), 2, "DHCPACK", "52:54:00:aa:bb:cc",
                        Optional.of(Ipv4Address.parse("192.168.1.50"))));
    }

    @Test
    void aServerIsWarnedAboutAndRecordedWhenNewAndAgainOnlyAfterAnHourOfSilence() {
        var registry = new ForeignDhcpServers(clock, recorded::add);
        ForeignReply first = reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50");
        registry.accept(first);
        for (int i = 1; i <= 100; i++) {
            now.set(T0.plusSeconds(30L * i));
            registry.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50"));
        }
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.getFirst().getFormattedMessage()).isEqualTo("another DHCP server answers on eth1: 192.168.1.1"
                + " (from 192.168.1.1 02:dd:00:00:00:01) sent a DHCPOFFER to 52:54:00:aa:bb:cc offering 192.168.1.50");

        assertThat(recorded).containsExactly(first);

        assertThat(registry.heardRecently()).isEqualTo(1);
        now.set(now.get().plus(ForeignDhcpServers.WARN_AGAIN_AFTER));
        assertThat(registry.heardRecently()).as("silent for an hour: no longer counted, still listed").isZero();
        assertThat(registry.size()).isEqualTo(1);
        ForeignReply afterSilence = reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.51");
        registry.accept(afterSilence);
        assertThat(lines.list).hasSize(2);
        assertThat(recorded).containsExactly(first, afterSilence);
        assertThat(registry.heardRecently()).isEqualTo(1);
    }

    @Test
    void beyondItsCapacityRepliesAreCountedNotRememberedNorRecorded() {
        var registry = new ForeignDhcpServers(clock, recorded::add);
        for (int i = 0; i < ForeignDhcpServers.CAPACITY + 10; i++) {
            registry.accept(reply("eth1", Ipv4Address.of(0x0a000000 + i).toString(), "DHCPOFFER", null));
        }
        registry.accept(reply("eth1", "10.0.0.0", "DHCPOFFER", null)); // a known one is still counted in its entry

        assertThat(registry.size()).isEqualTo(ForeignDhcpServers.CAPACITY);
        assertThat(registry.unremembered()).isEqualTo(10);
        assertThat(recorded).hasSize(ForeignDhcpServers.CAPACITY);
        assertThat(registry.servers()).filteredOn(s -> s.server().equals(Ipv4Address.parse("10.0.0.0")))
                .singleElement().extracting(ForeignDhcpServers.Server::replies).isEqualTo(2L);
    }
    private static io.leaseledger.events.subnet.ForeignDhcpServerObserved record(String server, String type, Instant at) {
        return new io.leaseledger.events.subnet.ForeignDhcpServerObserved(
                io.leaseledger.events.types.SubnetId.parse("192.168.1.0/24"), "eth1", Ipv4Address.parse(server),
                Ipv4Address.parse(server), ROGUE_MAC.orElseThrow(), type, MacAddress.parse("52:54:00:aa:bb:cc"),
                Ipv4Address.parse("192.168.1.50"), at);
    }

    @Test
    void whatTheLogRecordedBeforeAStartIsListedAndNotWarnedAboutOrRecordedAgainWithinTheHour() {
        var registry = new ForeignDhcpServers(clock, recorded::add);
        registry.remember(record("192.168.1.1", "DHCPOFFER", T0.minus(Duration.ofHours(3))));
        registry.remember(record("192.168.1.1", "DHCPACK", T0.minus(Duration.ofMinutes(20))));
        registry.remember(record("10.9.9.9", "DHCPOFFER", T0.minus(Duration.ofDays(2))));

        assertThat(registry.servers()).containsExactly(
                new ForeignDhcpServers.Server("eth1", Ipv4Address.parse("192.168.1.1"), Ipv4Address.parse("192.168.1.1"),
                        ROGUE_MAC, T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofMinutes(20)), 0, "DHCPACK",
                        "52:54:00:aa:bb:cc", Optional.of(Ipv4Address.parse("192.168.1.50"))),
                new ForeignDhcpServers.Server("eth1", Ipv4Address.parse("10.9.9.9"), Ipv4Address.parse("10.9.9.9"),
                        ROGUE_MAC, T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(2)), 0, "DHCPOFFER",
                        "52:54:00:aa:bb:cc", Optional.of(Ipv4Address.parse("192.168.1.50"))));
        assertThat(registry.heardRecently()).as("the alert goes on across the restart").isEqualTo(1);
        assertThat(lines.list).isEmpty();

        // Heard again within the hour of its last record: counted, neither warned about nor recorded again.
        registry.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50"));
        assertThat(lines.list).isEmpty();
        assertThat(recorded).isEmpty();
        // The one recorded two days ago is news again.
        registry.accept(reply("eth1", "10.9.9.9", "DHCPOFFER", null));
        assertThat(lines.list).hasSize(1);
        assertThat(recorded).hasSize(1);
        assertThat(registry.servers()).extracting(ForeignDhcpServers.Server::replies).containsExactly(1L, 1L);
    }

    @Test
    void beyondItsCapacityTheMostRecentlyRecordedAreRemembered() {
        var registry = new ForeignDhcpServers(clock, recorded::add);
        int records = ForeignDhcpServers.CAPACITY + 10;
        for (int i = 0; i < records; i++) {
            registry.remember(record(Ipv4Address.of(0x0a000000 + i).toString(), "DHCPOFFER",
                    T0.minusSeconds(records - i)));
        }
        assertThat(registry.size()).isEqualTo(ForeignDhcpServers.CAPACITY);
        assertThat(registry.servers()).extracting(ForeignDhcpServers.Server::server)
                .doesNotContain(Ipv4Address.of(0x0a000000 + 9)).contains(Ipv4Address.of(0x0a000000 + 10));
    }
}
