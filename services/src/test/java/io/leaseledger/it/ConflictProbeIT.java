package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.Dhclient;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server conflict detection (`server.conflict-probe`), end to end: a host configured by hand with
 * the pool's first address and otherwise silent (it sends nothing, so the ARP listener has never
 * heard it) is on the served link. The first DISCOVER would be offered that address; the probe's
 * ARP request for it is answered by the host's kernel, so the OFFER is withheld and the host
 * recorded as using the address. The client's next DISCOVER is offered another address.
 *
 * <p>Through a relay, the same by ICMP echo: a host with the relayed pool's first address, two
 * hops away behind ISC dhcrelay, answers the server's echo request; dhclient behind the relay is
 * bound to another address, and the sighting is recorded without a MAC.
 */
@Tag("netns")
@Timeout(240)
class ConflictProbeIT {
    private static final String SILENT = "198.18.0.100";
    private static final String RELAYED_SQUATTED = "198.18.2.100";
    private static final Duration LISTEN = Duration.ofSeconds(4);

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan();
        Requirements.assumeScapy();
    }

    @Test
    void anAddressASilentHostAnswersArpForIsNotOffered() throws Exception {
        ServedSubnet subnet = ServedSubnet.small(0, 3, Duration.ofSeconds(120));
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, subnet.gateway() + "/24");
        VethLink.End silent = lan.attach(lab.namespace("q")).address(SILENT + "/24");
        LeaseLedgerServer server = lab.leaseLedger(serverNs, List.of(lan.bridge()), subnet.gateway(),
                Map.of("conflict-probe", "300ms"), subnet);
        VethLink.End nic = lan.attach(lab.namespace("c"));

        List<DhcpReply> first = lab.scapy(nic).exchange(DhcpMessage.discover(nic.mac(), 0x0c0f0001), LISTEN, 1);
        assertThat(first).as("the OFFER of %s withheld", SILENT).isEmpty();
        DhcpReply offer = lab.scapy(nic).reply(DhcpMessage.discover(nic.mac(), 0x0c0f0002), LISTEN);
        assertThat(offer.messageType()).as("%s", offer).isEqualTo(DhcpReply.OFFER);
        assertThat(offer.yiaddr()).isIn("198.18.0.101", "198.18.0.102");

        server.close();
        String log = Files.readString(server.storeDir().getParent().resolve("leaseledger.log"));
        assertThat(log).contains("conflict detection: each OFFER waits 300 ms for an answer to an ARP request for its"
                        + " address on [" + lan.bridge() + "]")
                .contains("answered ARP for " + SILENT);
        List<AddressInUseObserved> observed = StoppedServerStores.recorded(server, AddressInUseObserved.class);
        assertThat(observed).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.address()).isEqualTo(Ipv4Address.parse(SILENT));
            assertThat(seen.mac()).isEqualTo(MacAddress.parse(silent.mac()));
        });
        // Recorded while the address stood offered to the client that was then not told of it.
        assertThat(observed.getFirst().standing()).isEqualTo(InUseStanding.OFFERED);
    }

    @Test
    void aRelayedAddressThatAnswersAnEchoIsNotOfferedAndTheClientBindsAnother() throws Exception {
        Requirements.assumeServedLan("dhcrelay", "dhclient");
        NetworkNamespace serverNs = lab.namespace("s");
        Segment uplink = lab.segment(serverNs, "198.18.1.1/24");
        NetworkNamespace relayNs = lab.namespace("r");
        VethLink.End relayUp = uplink.attach(relayNs).address("198.18.1.2/24");
        serverNs.execOk("ip", "route", "add", "198.18.2.0/24", "via", "198.18.1.2");
        // The relay's namespace routes, as a router with a DHCP relay does: the echo and its reply cross it.
        relayNs.execOk("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Segment access = lab.segment(relayNs, "198.18.2.1/24");
        NetworkNamespace squatterNs = lab.namespace("q");
        access.attach(squatterNs).address(RELAYED_SQUATTED + "/24");
        squatterNs.execOk("ip", "route", "add", "default", "via", "198.18.2.1");
        LeaseLedgerServer server = lab.leaseLedger(serverNs, List.of(uplink.bridge()), "198.18.1.1",
                Map.of("conflict-probe", "500ms"), ServedSubnet.small(1, 2, Duration.ofSeconds(120)),
                ServedSubnet.small(2, 3, Duration.ofSeconds(120)));
        ChildProcess relay = lab.start(relayNs, "dhcrelay", List.of(Requirements.path("dhcrelay"), "-4", "-d",
                "-pf", lab.dir().resolve("dhcrelay.pid").toString(),
                "-id", access.bridge(), "-iu", relayUp.name(), "198.18.1.1"));
        relay.awaitLine(Pattern.compile("Sending on\\s+Socket/fallback"), Duration.ofSeconds(30));
        VethLink.End clientNic = access.attach(lab.namespace("c"));

        String address = Dhclient.on(lab, clientNic, "dhclient").start().awaitBound(1, Duration.ofSeconds(60));

        assertThat(address).isIn("198.18.2.101", "198.18.2.102");
        server.close();
        String log = Files.readString(server.storeDir().getParent().resolve("leaseledger.log"));
        assertThat(log).contains("or an ICMP echo request to it through a relay")
                .contains("a device (ICMP echo) answered an ICMP echo for " + RELAYED_SQUATTED);
        List<AddressInUseObserved> observed = StoppedServerStores.recorded(server, AddressInUseObserved.class);
        assertThat(observed).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.address()).isEqualTo(Ipv4Address.parse(RELAYED_SQUATTED));
            assertThat(seen.mac()).isNull();
        });
        assertThat(observed.getFirst().standing()).isEqualTo(InUseStanding.OFFERED);
    }
}
