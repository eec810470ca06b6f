package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.mdns.MdnsDrop;
import io.leaseledger.wire.mdns.MdnsListener;
import io.leaseledger.wire.mdns.MdnsName;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The mDNS listener on a real link: a host multicasts an announcement of its own name (as avahi
 * does when it joins a link: a response, an A record under .local with the cache-flush bit) and a
 * query; the listener names the host once and counts the query.
 */
@Tag("netns")
class MdnsListenerNamespaceTest {

    /** From 198.18.9.50:5353 to 224.0.0.251:5353 (TTL 255): a query for bmc7.local, then the announcement. */
    private static final String ANNOUNCE = """
            import socket, struct
            name = b''.join(bytes([len(l)]) + l for l in (b'bmc7', b'local')) + b'\\x00'
            query = struct.pack('!HHHHHH', 0, 0, 1, 0, 0, 0) + name + struct.pack('!HH', 1, 1)
            answer = struct.pack('!HHHHHH', 0, 0x8400, 0, 1, 0, 0) + name \\
                + struct.pack('!HHIH', 1, 0x8001, 120, 4) + socket.inet_aton('198.18.9.50')
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton('198.18.9.50'))
            s.bind(('198.18.9.50', 5353))
            s.sendto(query, ('224.0.0.251', 5353))
            s.sendto(answer, ('224.0.0.251', 5353))
            """;

    @Test
    void aHostAnnouncingItsNameIsNamed() throws Exception {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        var names = new LinkedBlockingQueue<MdnsName>();
        try (NetnsLab lab = new NetnsLab()) {
            String server = lab.namespace("s");
            String host = lab.namespace("h");
            lab.veth(server, "srv0", host, "cli0");
            NetnsLab.run(NetnsLab.IP, "-n", host, "link", "set", "cli0", "address", "02:11:22:33:44:66");
            NetnsLab.run(NetnsLab.IP, "-n", server, "addr", "add", "198.18.9.1/24", "dev", "srv0");
            NetnsLab.run(NetnsLab.IP, "-n", host, "addr", "add", "198.18.9.50/24", "dev", "cli0");
            try (MdnsListener listener = lab.inNamespace(server, () -> MdnsListener.start(List.of("srv0"), names::add))) {
                assertThat(listener.interfaces()).containsExactly("srv0");
                NetnsLab.run(NetnsLab.IP, "netns", "exec", host, NetnsLab.PYTHON, "-c", ANNOUNCE);

                MdnsName named = names.poll(10, TimeUnit.SECONDS);
                assertThat(named).isEqualTo(new MdnsName("srv0", Ipv4Address.parse("198.18.9.50"),
                        MacAddress.parse("02:11:22:33:44:66"), "bmc7"));
                for (int i = 0; i < 100 && listener.dropped(MdnsDrop.NO_OWN_NAME) == 0; i++) {
                    Thread.sleep(50);
                }
                assertThat(listener.dropped(MdnsDrop.NO_OWN_NAME)).as("the query").isEqualTo(1);
                assertThat(listener.named()).isEqualTo(1);
                assertThat(names).isEmpty();
            }
        }
    }
}
