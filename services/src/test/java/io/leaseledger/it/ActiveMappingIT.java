package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MAAS's active mapping, end to end: a host configured by hand that never speaks first (no DHCP,
 * no datagram, no ARP of its own) is on the served link. With {@code server.active-mapping} the
 * node asks every address of the subnet; the host's kernel answers for its own, the node's ARP
 * listener hears the answer, and the device is recorded ({@code DeviceSeen}) once.
 */
@Tag("netns")
@Timeout(240)
class ActiveMappingIT {
    private static final String SILENT = "198.18.0.30";

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan();
    }

    @Test
    void aHostThatNeverSpeaksIsFoundByTheScan() throws Exception {
        ServedSubnet subnet = ServedSubnet.small(0, 3, Duration.ofSeconds(120));
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, subnet.gateway() + "/24");
        VethLink.End silent = lan.attach(lab.namespace("q")).address(SILENT + "/24");
        LeaseLedgerServer server = lab.leaseLedger(serverNs, List.of(lan.bridge()), subnet.gateway(),
                Map.of("active-mapping", "1m"), subnet);

        // The first scan 5 s after the start, 253 requests at 20 a second: wait (bounded) for its log line.
        Path log = server.storeDir().getParent().resolve("leaseledger.log");
        for (int i = 0; i < 120 && !Files.readString(log).contains("active mapping asked 253 addresses"); i++) {
            Thread.sleep(500);
        }
        assertThat(Files.readString(log)).contains("active mapping asked 253 addresses (198.18.0.1 to 198.18.0.254)");
        Thread.sleep(2_000); // the last answers, through the mailbox to the store
        server.close();

        List<DeviceSeen> recorded = StoppedServerStores.recorded(server, DeviceSeen.class);
        assertThat(recorded).extracting(DeviceSeen::address).containsExactly(Ipv4Address.parse(SILENT));
        assertThat(recorded.getFirst().mac()).isEqualTo(MacAddress.parse(silent.mac()));
        assertThat(recorded.getFirst().iface()).isEqualTo(lan.bridge());
    }
}
