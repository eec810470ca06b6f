package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.MutableClock;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.store.AxonStore;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.mdns.MdnsName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network discovery on the real store and mailbox: a pair's first claim is recorded, the same
 * pair within the hour is not, after it is again; what the log recorded before a start counts as
 * recorded; a flood of new pairs is rate limited; a record that never reached the log leaves the
 * pair news.
 */
class DeviceDiscoveryTest {
    private static final Cidr CIDR = Cidr.parse("198.18.7.0/24");
    private static final SubnetId SUBNET = SubnetId.of(CIDR);
    private static final MacAddress DEVICE = MacAddress.parse("52:54:00:00:09:99");

    @TempDir
    Path dataDirectory;

    private OneSubnetStore served;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private DeviceDiscovery discovery;

    @BeforeEach
    void serve() {
        served = OneSubnetStore.start(dataDirectory, CIDR, AddressRange.of("198.18.7.10", "198.18.7.250"));
        discovery = new DeviceDiscovery(served.settings(), clock);
        discovery.reportTo(served.gateway());
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private static ArpSighting claim(String address, MacAddress mac) {
        return new ArpSighting("eth1", Ipv4Address.parse(address), mac);
    }

    @Test
    void aPairIsRecordedOnceAnHourWhateverItsArpRate() throws Exception {
        discovery.accept(claim("198.18.7.2", DEVICE));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(5));
            discovery.accept(claim("198.18.7.2", DEVICE));
        }
        clock.advance(Duration.ofMinutes(10)); // 60 minutes after the first record
        discovery.accept(claim("198.18.7.2", DEVICE));
        discovery.accept(claim("10.0.0.1", DEVICE));

        // Dated by the mailbox's clock when decided (the system's here), as every command is.
        assertThat(awaitRecorded(2)).hasSize(2).extracting(DeviceSeen::address, DeviceSeen::mac, DeviceSeen::iface)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("198.18.7.2"), DEVICE, "eth1"));
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isEqualTo(2);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(10);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.NOT_SERVED)).isEqualTo(1);
    }

    @Test
    void aNameAnnouncedByMdnsIsRecordedWhenItIsNewForThePair() throws Exception {
        discovery.accept(claim("198.18.7.2", DEVICE));
        discovery.heardName(new MdnsName("eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, "bmc7"));   // new: recorded
        discovery.heardName(new MdnsName("eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, "bmc7"));   // the same: repeated
        discovery.accept(claim("198.18.7.2", DEVICE));                                                 // within the hour
        discovery.heardName(new MdnsName("eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, "bmc7-new")); // renamed: recorded

        assertThat(awaitRecorded(3)).hasSize(3).extracting(e -> e.hostname() == null ? null : e.hostname().value())
                .containsExactly(null, "bmc7", "bmc7-new");
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isEqualTo(3);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(2);
    }

    @Test
    void aNameRememberedFromTheLogIsNotRecordedAgain() throws Exception {
        discovery.remember(new DeviceSeen(SUBNET, "eth1", Ipv4Address.parse("198.18.7.2"), DEVICE,
                Hostname.of("bmc7"), clock.instant().minus(Duration.ofMinutes(30))));
        discovery.remember(new DeviceSeen(SUBNET, "eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, null,
                clock.instant().minus(Duration.ofMinutes(10)))); // a later ARP record keeps the name
        discovery.heardName(new MdnsName("eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, "bmc7"));
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(1);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isZero();
    }

    @Test
    void whatTheLogRecordedBeforeAStartIsNotRecordedAgainWithinItsHour() throws Exception {
        discovery.remember(new DeviceSeen(SUBNET, "eth1", Ipv4Address.parse("198.18.7.2"), DEVICE, null,
                clock.instant().minus(Duration.ofMinutes(59))));
        discovery.remember(new DeviceSeen(SUBNET, "eth1", Ipv4Address.parse("198.18.7.3"), DEVICE, null,
                clock.instant().minus(Duration.ofMinutes(61))));
        discovery.accept(claim("198.18.7.2", DEVICE));
        discovery.accept(claim("198.18.7.3", DEVICE));

        assertThat(awaitRecorded(1)).extracting(DeviceSeen::address).containsExactly(Ipv4Address.parse("198.18.7.3"));
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(1);
    }

    @Test
    void aFloodOfNewPairsIsRateLimitedAndTheMetricsSayIt() throws Exception {
        DhcpMetrics metrics = new DhcpMetrics();
        metrics.watchDiscovery(discovery);
        for (int i = 0; i < DeviceDiscovery.BURST + 5; i++) {
            discovery.accept(claim("198.18.7.2", MacAddress.parse(String.format("02:00:00:00:%02x:%02x", i / 256, i % 256))));
        }
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isEqualTo(DeviceDiscovery.BURST);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.RATE_LIMITED)).isEqualTo(5);
        clock.advance(Duration.ofSeconds(1)); // refills PER_SECOND
        discovery.accept(claim("198.18.7.3", DEVICE));
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isEqualTo(DeviceDiscovery.BURST + 1);

        assertThat(awaitRecorded(DeviceDiscovery.BURST + 1)).hasSize(DeviceDiscovery.BURST + 1);
        assertThat(metrics.scrape()).contains(
                "leaseledger_discovery_claims_total{outcome=\"reported\"} " + (DeviceDiscovery.BURST + 1) + ".0",
                "leaseledger_discovery_claims_total{outcome=\"rate_limited\"} 5.0",
                "leaseledger_discovery_pairs " + (DeviceDiscovery.BURST + 1) + ".0");
    }

    @Test
    void aClaimThatCannotReachTheLogStaysNews() {
        DeviceDiscovery unwired = new DeviceDiscovery(served.settings(), clock);
        unwired.accept(claim("198.18.7.2", DEVICE));
        unwired.accept(claim("198.18.7.2", DEVICE));
        assertThat(unwired.counted(DeviceDiscovery.Outcome.OVERLOADED)).isEqualTo(2);
        assertThat(unwired.counted(DeviceDiscovery.Outcome.REPEATED)).isZero();
        assertThat(unwired.remembered()).isZero();
    }

    /** The DeviceSeen events in the store, once there are {@code count} (bounded wait). */
    private List<DeviceSeen> awaitRecorded(int count) throws InterruptedException {
        AxonStore store = served.store();
        List<DeviceSeen> found = new ArrayList<>();
        for (int i = 0; i < 200 && found.size() < count; i++) {
            Thread.sleep(50);
            found.clear();
            store.replayAll(payload -> {
                if (payload instanceof DeviceSeen e) {
                    found.add(e);
                }
            });
        }
        return found;
    }
}
