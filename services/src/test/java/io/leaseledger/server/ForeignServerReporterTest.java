package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.MutableClock;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.foreign.ForeignDhcpListener;
import io.leaseledger.wire.foreign.ForeignReply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other DHCP servers worth recording become events of the subnet of the link they were heard on,
 * on the real store and mailbox: the link's own served subnet first (a rogue server offers
 * addresses of its own network), else the subnet its reply names; nothing for a link and reply
 * that name no served subnet.
 */
class ForeignServerReporterTest {
    private static final Cidr CIDR = Cidr.parse("198.18.7.0/24");
    private static final SubnetId SUBNET = SubnetId.of(CIDR);
    private static final AddressRange POOL = AddressRange.of("198.18.7.10", "198.18.7.250");
    private static final MacAddress ROGUE_MAC = MacAddress.parse("02:dd:00:00:00:01");
    private static final MacAddress CLIENT = MacAddress.parse("52:54:00:aa:bb:cc");
    /** eth1 has an address on the served subnet; eth2 only one elsewhere; eth3 none. */
    private static final Map<String, List<Ipv4Address>> LINKS = Map.of(
            "eth1", List.of(Ipv4Address.parse("10.9.9.9"), Ipv4Address.parse("198.18.7.1")),
            "eth2", List.of(Ipv4Address.parse("10.9.9.9")),
            "eth3", List.of());

    @TempDir
    Path dataDirectory;

    private AxonStore store;
    private SubnetGateway gateway;
    private ForeignServerReporter reporter;

    @BeforeEach
    void serve() {
        OneSubnetStore served = OneSubnetStore.start(dataDirectory, CIDR, POOL);
        store = served.store();
        gateway = served.gateway();
        reporter = new ForeignServerReporter(gateway, served.settings(), iface -> LINKS.getOrDefault(iface, List.of()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        store.close();
    }

    private static ForeignReply reply(String iface, String server, String type, String offered, String client) {
        return new ForeignReply(iface, Ipv4Address.parse(server), Ipv4Address.parse(server), Optional.of(ROGUE_MAC), type,
                client, Optional.ofNullable(offered).map(Ipv4Address::parse));
    }

    @Test
    void aRogueServerOnAServedLinkIsRecordedInThatLinksSubnet() throws Exception {
        reporter.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50", CLIENT.toString()));

        ForeignDhcpServerObserved event = awaitRecorded(1).getFirst();
        assertThat(event.subnetId()).isEqualTo(SUBNET);
        assertThat(event.iface()).isEqualTo("eth1");
        assertThat(event.server()).isEqualTo(Ipv4Address.parse("192.168.1.1"));
        assertThat(event.sourceAddress()).isEqualTo(Ipv4Address.parse("192.168.1.1"));
        assertThat(event.sourceMac()).isEqualTo(ROGUE_MAC);
        assertThat(event.messageType()).isEqualTo("DHCPOFFER");
        assertThat(event.client()).isEqualTo(CLIENT);
        assertThat(event.offered()).isEqualTo(Ipv4Address.parse("192.168.1.50"));
        assertThat(event.at()).isNotNull();
        assertThat(reporter.counted(ForeignServerReporter.Outcome.RECORDED)).isEqualTo(1);
    }

    @Test
    void onALinkWithoutAServedAddressTheSubnetTheReplyNamesIsUsed() throws Exception {
        reporter.accept(reply("eth2", "198.18.7.254", "DHCPNAK", null, CLIENT.toString()));
        reporter.accept(reply("eth3", "10.0.0.1", "DHCPACK", "198.18.7.77", CLIENT.toString()));

        assertThat(awaitRecorded(2)).extracting(ForeignDhcpServerObserved::server)
                .containsExactly(Ipv4Address.parse("198.18.7.254"), Ipv4Address.parse("10.0.0.1"));
    }

    @Test
    void aReplyThatNamesNoServedSubnetOrNoEthernetClientStaysInTheListOnly() throws Exception {
        reporter.accept(reply("eth2", "192.168.1.1", "DHCPOFFER", "192.168.1.50", CLIENT.toString()));
        reporter.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50", "01:02:03"));
        // A recorded one after them: once it is in the log, the mailbox has passed the others too.
        reporter.accept(reply("eth1", "192.168.1.2", "DHCPOFFER", "192.168.1.60", CLIENT.toString()));

        assertThat(awaitRecorded(1)).extracting(ForeignDhcpServerObserved::server)
                .containsExactly(Ipv4Address.parse("192.168.1.2"));
        assertThat(reporter.counted(ForeignServerReporter.Outcome.NOT_SERVED)).isEqualTo(1);
        assertThat(reporter.counted(ForeignServerReporter.Outcome.UNREADABLE_CLIENT)).isEqualTo(1);
        assertThat(reporter.counted(ForeignServerReporter.Outcome.FAILED)).isZero();
    }

    @Test
    void theMetricsCountTheServersHeardThisHourAndTheRecords() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        var servers = new ForeignDhcpServers(clock, reporter);
        var metrics = new DhcpMetrics();
        try (ForeignDhcpListener listener = ForeignDhcpListener.start(List.of(), servers)) { // no link: no socket
            metrics.watchForeignDhcp(listener, servers, reporter);
            servers.accept(reply("eth1", "192.168.1.1", "DHCPOFFER", "192.168.1.50", CLIENT.toString()));
            awaitRecorded(1);
            for (int i = 0; i < 100 && reporter.counted(ForeignServerReporter.Outcome.RECORDED) == 0; i++) {
                Thread.sleep(20); // the count follows the commit, on the mailbox's thread
            }

            assertThat(metrics.scrape()).contains("leaseledger_foreign_dhcp_servers 1.0",
                    "leaseledger_foreign_dhcp_records_total{outcome=\"recorded\"} 1.0",
                    "leaseledger_foreign_dhcp_records_total{outcome=\"failed\"} 0.0");
            clock.advance(ForeignDhcpServers.WARN_AGAIN_AFTER);
            assertThat(metrics.scrape()).as("an hour of silence ends the alert").contains("leaseledger_foreign_dhcp_servers 0.0");
        }
    }

    /** The ForeignDhcpServerObserved events in the store, once there are {@code count} (bounded wait). */
    private List<ForeignDhcpServerObserved> awaitRecorded(int count) throws InterruptedException {
        List<ForeignDhcpServerObserved> found = new ArrayList<>();
        for (int i = 0; i < 100 && found.size() < count; i++) {
            Thread.sleep(50);
            found.clear();
            store.replayAll(payload -> {
                if (payload instanceof ForeignDhcpServerObserved e) {
                    found.add(e);
                }
            });
        }
        return found;
    }
}
