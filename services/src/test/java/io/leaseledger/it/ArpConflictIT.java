package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ScapyLan;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host on the LAN configured by hand with the pool's first address: its kernel ARPs for the
 * server as any host does before it talks to it. The server's ARP listener hears the claim, the
 * subnet records it, and a DHCP client is not offered that address; the host itself may have it.
 */
@Tag("netns")
@Timeout(240)
class ArpConflictIT extends ScapyLan {
    private static final Duration LISTEN = Duration.ofSeconds(10);
    private static final String SQUATTED = "198.18.0.100";
    private static final String FIXED = "198.18.0.20";

    /** A datagram to the server: the host's kernel resolves 198.18.0.1 by ARP first, claiming its own address. */
    private static final String TALK_TO_SERVER = """
            import socket, time
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'hello', ('198.18.0.1', 9))
            time.sleep(1)
            """;


    @Test
    void anAddressAnotherHostClaimsByArpIsNotOfferedToAClient() throws Exception {
        // A pool of three, .100 first: a fresh server offers .100 to the first client it sees.
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 3, Duration.ofSeconds(120)));
        assumeTrue(lan.server().isLeaseLedger(), "the ARP listener is LeaseLedger's own");
        VethLink.End squatter = lan.client("q").address(SQUATTED + "/24");
        squatter.namespace().execOk(Requirements.DEBIAN_PYTHON, "-c", TALK_TO_SERVER);
        // A host outside the pool (a BMC, a switch): nothing to keep from clients, but a device on the link.
        VethLink.End fixed = lan.client("s").address(FIXED + "/24");
        fixed.namespace().execOk(Requirements.DEBIAN_PYTHON, "-c", TALK_TO_SERVER);
        // ARP → listener → the subnet's mailbox → commit takes milliseconds; room for a loaded machine.
        Thread.sleep(3_000);

        VethLink.End nic = lan.client("c");
        DhcpReply offer = lab.scapy(nic).reply(DhcpMessage.discover(nic.mac(), 0x0a4b0001), LISTEN);
        assertThat(offer.messageType()).as("%s", offer).isEqualTo(DhcpReply.OFFER);
        assertThat(offer.yiaddr()).isIn("198.18.0.101", "198.18.0.102");

        // Even when it asks for it by name (option 50), a client is not given the address in use...
        VethLink.End other = lan.client("d");
        DhcpReply asked = lab.scapy(other).reply(DhcpMessage.discover(other.mac(), 0x0a4b0002)
                .withOption(50, HexFormat.of().parseHex("c6120064")), LISTEN);
        assertThat(asked.yiaddr()).isNotEqualTo(SQUATTED);
        // ...but the host that uses it may lease it.
        DhcpReply own = lab.scapy(squatter).reply(DhcpMessage.discover(squatter.mac(), 0x0a4b0003)
                .withOption(50, HexFormat.of().parseHex("c6120064")), LISTEN);
        assertThat(own.yiaddr()).isEqualTo(SQUATTED);

        LeaseLedgerServer server = (LeaseLedgerServer) lan.server();
        server.close();
        List<AddressInUseObserved> observed = StoppedServerStores.recorded(server, AddressInUseObserved.class);
        assertThat(observed).hasSize(1);
        assertThat(observed.getFirst().address()).isEqualTo(Ipv4Address.parse(SQUATTED));
        assertThat(observed.getFirst().mac()).isEqualTo(MacAddress.parse(squatter.mac()));
        assertThat(observed.getFirst().standing()).isEqualTo(InUseStanding.FREE);
        // Network discovery: both hosts heard, each (address, MAC) recorded once however often it ARPed.
        assertThat(StoppedServerStores.recorded(server, DeviceSeen.class)).extracting(DeviceSeen::address, DeviceSeen::mac)
                .containsExactlyInAnyOrder(
                        tuple(Ipv4Address.parse(SQUATTED), MacAddress.parse(squatter.mac())),
                        tuple(Ipv4Address.parse(FIXED), MacAddress.parse(fixed.mac())));
    }
}
