package io.leaseledger.cli;

import io.leaseledger.probe.MessagePrinter;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger probe}: the operator's first diagnostic — one DORA through a relay. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Acts as a DHCP relay agent and runs DISCOVER/OFFER/REQUEST/ACK (and optionally RELEASE)",
                "against a server, printing every reply decoded. Exit code 0 on ACK, 1 on NAK, 2 on silence."})
public final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "ADDRESS[:PORT]",
            description = "The server to ask (port defaults to 67).")
    String server;

    @Option(names = "--link", paramLabel = "ADDRESS",
            description = "An address on the client's link, sent as the link-selection sub-option (RFC 3527); "
                    + "the server picks the subnet that contains it. Without it, giaddr (the probe's own address) decides.")
    String link;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Local address to send from; it becomes giaddr. "
            + "Default: 127.0.0.1 for a loopback server, otherwise the address the kernel picks.")
    String bind;

    @Option(names = "--mac", paramLabel = "MAC", description = "The client hardware address (default: a random locally administered one).")
    String mac;

    @Option(names = "--hostname", description = "Host name (option 12) to send.")
    String hostname;

    @Option(names = "--timeout", defaultValue = "3", description = "Seconds to wait for each reply (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--release", description = "Release the lease after the ACK.")
    boolean release;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress target = parseServer(server);
        InetAddress local = bind != null ? InetAddress.getByName(bind)
                : target.getAddress().isLoopbackAddress() ? InetAddress.getLoopbackAddress() : null;
        if (local == null) {
            try (var s = new java.net.DatagramSocket()) {
                s.connect(target);
                local = s.getLocalAddress();
            }
        }
        RelayProbe.ProbeOptions options = new RelayProbe.ProbeOptions(
                mac == null ? randomMac() : HexFormat.ofDelimiter(":").parseHex(mac),
                link == null ? null : Ipv4Address.parse(link),
                Duration.ofSeconds(timeoutSeconds), release, hostname);
        try (RelayProbe probe = new RelayProbe(target, new InetSocketAddress(local, 0), options)) {
            Optional<Dhcp4Message> last = probe.run();
            for (RelayProbe.Exchange e : probe.transcript()) {
                System.out.println("-> " + e.sent().messageType() + " to " + target.getAddress().getHostAddress()
                        + ":" + target.getPort());
                e.received().ifPresentOrElse(
                        reply -> MessagePrinter.describe(reply).forEach(line -> System.out.println("<- " + line)),
                        () -> {
                            if (!e.sent().messageType().equals(MessageType.RELEASE)) {
                                System.out.println("<- (no reply within " + timeoutSeconds + " s)");
                            }
                        });
            }
            if (last.isEmpty()) {
                return 2;
            }
            return last.get().messageType().equals(MessageType.ACK) ? 0 : 1;
        }
    }

    static InetSocketAddress parseServer(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && spec.indexOf(':') == colon) {
            return new InetSocketAddress(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        }
        return new InetSocketAddress(spec, 67);
    }

    private static byte[] randomMac() {
        byte[] mac = new byte[6];
        new java.security.SecureRandom().nextBytes(mac);
        mac[0] = (byte) ((mac[0] & 0xfc) | 0x02); // locally administered, unicast
        return mac;
    }
}
