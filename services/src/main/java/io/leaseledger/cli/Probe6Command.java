package io.leaseledger.cli;

import io.leaseledger.events.types.Duid;
import io.leaseledger.probe.Dhcp6Probe;
import io.leaseledger.wire.dhcp6.Dhcp6Packet;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger probe6}: asks a DHCPv6 server for a link's configuration, as a relay would. */
@Command(name = "probe6", mixinStandardHelpOptions = true,
        description = {"Acts as a DHCPv6 relay agent and sends one Information-request for the client link you name",
                "(RELAY-FORW with the Relay Source Port option, RFC 8357), printing the REPLY decoded.",
                "Exit code 0 on a REPLY, 2 on silence."})
public final class Probe6Command implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "[ADDRESS]:PORT",
            description = "The server to ask: [::1]:6547, or an address alone for port 547.")
    String server;

    @Option(names = "--link", required = true, paramLabel = "ADDRESS",
            description = "An address on the client's link, sent as the relay's link-address: the server answers with"
                    + " the configuration of the link whose prefix holds it.")
    String link;

    @Option(names = "--duid", paramLabel = "HEX", description = "The client's DUID (default: a random DUID-UUID).")
    String duid;

    @Option(names = "--timeout", defaultValue = "3", description = "Seconds to wait for the reply (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress target = parseServer(server);
        Duid client = duid != null ? Duid.parse(duid) : Duid.uuid(UUID.randomUUID());
        System.out.println("-> INFORMATION_REQUEST for link " + link + " to [" + Ipv6Prefix.text((Inet6Address) target.getAddress())
                + "]:" + target.getPort());
        Optional<Dhcp6Packet.Message> reply = Dhcp6Probe.informationRequest(target, Ipv6Prefix.address(link), client,
                Duration.ofSeconds(timeoutSeconds));
        if (reply.isEmpty()) {
            System.out.println("<- (no reply within " + timeoutSeconds + " s)");
            return 2;
        }
        Dhcp6Probe.describe(reply.get()).forEach(line -> System.out.println("<- " + line));
        return 0;
    }

    /** {@code [ADDRESS]:PORT}, or a bare IPv6 address for port 547. */
    static InetSocketAddress parseServer(String spec) {
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0 || (close + 1 < spec.length() && spec.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("not [ADDRESS]:PORT: " + spec);
            }
            int port = close + 1 < spec.length() ? Integer.parseInt(spec.substring(close + 2)) : 547;
            return new InetSocketAddress(Ipv6Prefix.address(spec.substring(1, close)), port);
        }
        return new InetSocketAddress(Ipv6Prefix.address(spec), 547);
    }
}
