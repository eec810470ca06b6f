package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.DhcpMessage;
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
 */
@Tag("netns")
@Timeout(240)
class ConflictProbeIT {
    private static final String SILENT = "198.18.0.100";
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
        assertThat(log).contains("conflict detection: each OFFER on [" + lan.bridge() + "] waits 300 ms")
                .contains("answered ARP for " + SILENT);
        List<AddressInUseObserved> observed = StoppedServerStores.recorded(server, AddressInUseObserved.class);
        assertThat(observed).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.address()).isEqualTo(Ipv4Address.parse(SILENT));
            assertThat(seen.mac()).isEqualTo(MacAddress.parse(silent.mac()));
        });
        // Recorded while the address stood offered to the client that was then not told of it.
        assertThat(observed.getFirst().standing()).isEqualTo(InUseStanding.OFFERED);
    }
}
