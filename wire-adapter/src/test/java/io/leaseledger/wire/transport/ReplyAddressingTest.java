package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 2131 §4.1, §4.3.2, §4.3.5 and RFC 8357: one row per rule and per tie between rules. */
class ReplyAddressingTest {

    private static final Inet4Address ZERO = ip("0.0.0.0");
    private static final Inet4Address RELAY = ip("198.18.5.1");
    private static final Inet4Address CLIENT = ip("198.18.0.20");
    private static final Inet4Address OFFERED = ip("198.18.0.50");
    private static final HardwareAddress MAC = HardwareAddress.ethernet("52:54:00:12:34:56");
    /** InfiniBand (htype 32) leaves chaddr empty (RFC 4390 §2.1). */
    private static final HardwareAddress NO_CHADDR = new HardwareAddress(32, new byte[0]);
    private static final InetSocketAddress UNCONFIGURED_CLIENT = new InetSocketAddress(ZERO, 68);
    private static final ReplyPorts CUSTOM = new ReplyPorts(1067, 1068);

    static Stream<Arguments> rows() {
        return Stream.of(
                row("relayed OFFER goes to the relay on the server port",
                        facts(RELAY, ZERO, OFFERED, false, ReplyKind.OFFER), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), false)),
                row("relayed OFFER with the BROADCAST flag still goes to the relay (the relay broadcasts)",
                        facts(RELAY, ZERO, OFFERED, true, ReplyKind.OFFER), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), false)),
                row("relayed ACK to a renewing client (ciaddr set) goes to the relay, not to ciaddr",
                        facts(RELAY, CLIENT, CLIENT, false, ReplyKind.ACK), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), false)),
                row("relayed NAK goes to the relay and must carry the BROADCAST flag (§4.3.2)",
                        facts(RELAY, ZERO, ZERO, false, ReplyKind.NAK), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), true)),
                row("relayed ACK to an INFORM with ciaddr goes to the relay",
                        facts(RELAY, CLIENT, ZERO, false, ReplyKind.ACK_TO_INFORM), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), false)),
                row("relayed ACK to an INFORM without ciaddr asks the relay to broadcast",
                        facts(RELAY, ZERO, ZERO, false, ReplyKind.ACK_TO_INFORM), ReplyPorts.STANDARD,
                        new ReplyDestination.Relay(sa(RELAY, 67), true)),
                row("relay on a non-standard server port is answered on that port",
                        facts(RELAY, ZERO, OFFERED, false, ReplyKind.OFFER), CUSTOM,
                        new ReplyDestination.Relay(sa(RELAY, 1067), false)),
                row("relay that asked for its source port (RFC 8357) is answered there",
                        new ReplyFacts(RELAY, ZERO, OFFERED, false, ReplyKind.OFFER, MAC, sa(RELAY, 2067), true),
                        ReplyPorts.STANDARD, new ReplyDestination.Relay(sa(RELAY, 2067), false)),
                row("unrelayed NAK is broadcast even though ciaddr is set",
                        facts(ZERO, CLIENT, ZERO, false, ReplyKind.NAK), ReplyPorts.STANDARD,
                        new ReplyDestination.Broadcast(68)),
                row("unrelayed NAK is broadcast without the BROADCAST flag",
                        facts(ZERO, ZERO, ZERO, false, ReplyKind.NAK), ReplyPorts.STANDARD,
                        new ReplyDestination.Broadcast(68)),
                row("ACK to an INFORM goes to ciaddr (§4.3.5)",
                        facts(ZERO, CLIENT, ZERO, true, ReplyKind.ACK_TO_INFORM), ReplyPorts.STANDARD,
                        new ReplyDestination.Unicast(sa(CLIENT, 68))),
                row("ACK to an INFORM without ciaddr goes to the INFORM's source address",
                        new ReplyFacts(ZERO, ZERO, ZERO, false, ReplyKind.ACK_TO_INFORM, MAC, sa(CLIENT, 68), false),
                        ReplyPorts.STANDARD, new ReplyDestination.Unicast(sa(CLIENT, 68))),
                row("ACK to an INFORM from nowhere (no ciaddr, source 0.0.0.0) is broadcast",
                        facts(ZERO, ZERO, ZERO, false, ReplyKind.ACK_TO_INFORM), ReplyPorts.STANDARD,
                        new ReplyDestination.Broadcast(68)),
                row("ACK to a renewing client goes to ciaddr",
                        facts(ZERO, CLIENT, CLIENT, false, ReplyKind.ACK), ReplyPorts.STANDARD,
                        new ReplyDestination.Unicast(sa(CLIENT, 68))),
                row("ciaddr wins over the BROADCAST flag",
                        facts(ZERO, CLIENT, CLIENT, true, ReplyKind.ACK), ReplyPorts.STANDARD,
                        new ReplyDestination.Unicast(sa(CLIENT, 68))),
                row("OFFER with the BROADCAST flag is broadcast",
                        facts(ZERO, ZERO, OFFERED, true, ReplyKind.OFFER), ReplyPorts.STANDARD,
                        new ReplyDestination.Broadcast(68)),
                row("OFFER without the flag goes to yiaddr at chaddr",
                        facts(ZERO, ZERO, OFFERED, false, ReplyKind.OFFER), ReplyPorts.STANDARD,
                        new ReplyDestination.UnicastToHardwareAddress(sa(OFFERED, 68), MAC)),
                row("ACK in SELECTING (no ciaddr, no flag) goes to yiaddr at chaddr",
                        facts(ZERO, ZERO, OFFERED, false, ReplyKind.ACK), ReplyPorts.STANDARD,
                        new ReplyDestination.UnicastToHardwareAddress(sa(OFFERED, 68), MAC)),
                row("client on a non-standard client port is answered on it",
                        facts(ZERO, ZERO, OFFERED, false, ReplyKind.OFFER), CUSTOM,
                        new ReplyDestination.UnicastToHardwareAddress(sa(OFFERED, 1068), MAC)),
                row("OFFER without yiaddr has no one to unicast to: broadcast",
                        facts(ZERO, ZERO, ZERO, false, ReplyKind.OFFER), ReplyPorts.STANDARD,
                        new ReplyDestination.Broadcast(68)),
                row("client without a hardware address (hlen 0) is broadcast to",
                        new ReplyFacts(ZERO, ZERO, OFFERED, false, ReplyKind.OFFER, NO_CHADDR, UNCONFIGURED_CLIENT,
                                false),
                        ReplyPorts.STANDARD, new ReplyDestination.Broadcast(68)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void repliesGoWhereRfc2131Says(String rule, ReplyFacts facts, ReplyPorts ports, ReplyDestination expected) {
        assertThat(ReplyAddressing.destination(facts, ports)).isEqualTo(expected);
    }

    private static Arguments row(String rule, ReplyFacts facts, ReplyPorts ports, ReplyDestination expected) {
        return Arguments.of(rule, facts, ports, expected);
    }

    private static ReplyFacts facts(Inet4Address giaddr, Inet4Address ciaddr, Inet4Address yiaddr, boolean broadcast,
            ReplyKind kind) {
        InetSocketAddress source = Ipv4.isZero(giaddr) ? UNCONFIGURED_CLIENT : sa(giaddr, 67);
        return new ReplyFacts(giaddr, ciaddr, yiaddr, broadcast, kind, MAC, source, false);
    }

    private static InetSocketAddress sa(Inet4Address address, int port) {
        return new InetSocketAddress(address, port);
    }

    static Inet4Address ip(String literal) {
        String[] parts = literal.split("\\.");
        return Ipv4.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]));
    }
}
