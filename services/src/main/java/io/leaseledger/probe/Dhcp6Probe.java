package io.leaseledger.probe;

import io.leaseledger.events.types.Duid;
import io.leaseledger.wire.dhcp6.Dhcp6Codec;
import io.leaseledger.wire.dhcp6.Dhcp6DecodeException;
import io.leaseledger.wire.dhcp6.Dhcp6MessageType;
import io.leaseledger.wire.dhcp6.Dhcp6Option;
import io.leaseledger.wire.dhcp6.Dhcp6Options;
import io.leaseledger.wire.dhcp6.Dhcp6Packet;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Acts as a DHCPv6 relay agent towards a server and asks once for configuration: an
 * Information-request inside a RELAY-FORW whose link-address names the client's link, with the
 * Relay Source Port option (RFC 8357) so that the answer comes back to the probe's own port, and
 * no root is needed. Returns the REPLY, unwrapped.
 */
public final class Dhcp6Probe {

    /** Asked for: DNS servers, domain search list, information refresh time. */
    static final int[] REQUESTED = {Dhcp6Options.DNS_SERVERS, Dhcp6Options.DOMAIN_LIST, Dhcp6Options.NTP_SERVER,
            Dhcp6Options.INFORMATION_REFRESH_TIME};

    private Dhcp6Probe() {}

    public static Optional<Dhcp6Packet.Message> informationRequest(InetSocketAddress server, Inet6Address link,
                                                                   Duid client, Duration timeout) throws IOException {
        int transactionId = RandomGenerator.getDefault().nextInt(1 << 24);
        byte[] oro = new byte[REQUESTED.length * 2];
        for (int i = 0; i < REQUESTED.length; i++) {
            oro[2 * i + 1] = (byte) REQUESTED[i];
        }
        var request = new Dhcp6Packet.Message(Dhcp6MessageType.INFORMATION_REQUEST, transactionId, List.of(
                new Dhcp6Option(Dhcp6Options.CLIENTID, client.bytes()),
                new Dhcp6Option(Dhcp6Options.ORO, oro),
                new Dhcp6Option(Dhcp6Options.ELAPSED_TIME, new byte[2])));
        var relayed = new Dhcp6Packet.Relay(Dhcp6MessageType.RELAY_FORW.value(), 0, link,
                Ipv6Prefix.address("fe80::1"), List.of(
                new Dhcp6Option(Dhcp6Options.RELAY_SOURCE_PORT, new byte[2]),
                new Dhcp6Option(Dhcp6Options.RELAY_MSG, Dhcp6Codec.encode(request))));
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            channel.write(ByteBuffer.wrap(Dhcp6Codec.encode(relayed)));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[65_535];
            while (System.nanoTime() < deadline) {
                var packet = new java.net.DatagramPacket(buffer, buffer.length);
                channel.socket().setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    channel.socket().receive(packet);
                } catch (SocketTimeoutException silent) {
                    return Optional.empty();
                }
                Optional<Dhcp6Packet.Message> reply = unwrap(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (reply.filter(r -> r.transactionId() == transactionId).isPresent()) {
                    return reply;
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<Dhcp6Packet.Message> unwrap(byte[] datagram) {
        try {
            Dhcp6Packet packet = Dhcp6Codec.decode(datagram);
            while (packet instanceof Dhcp6Packet.Relay relay) {
                packet = relay.relayed();
            }
            return Optional.of((Dhcp6Packet.Message) packet);
        } catch (Dhcp6DecodeException notAnAnswer) {
            return Optional.empty();
        }
    }

    /** The reply as an operator reads it: type, transaction id, then one line per option. */
    public static List<String> describe(Dhcp6Packet.Message reply) {
        List<String> lines = new ArrayList<>();
        lines.add("%s  xid=0x%06x".formatted(Dhcp6MessageType.of(reply.type()).map(Enum::name).orElse("type " + reply.type()),
                reply.transactionId()));
        var hex = HexFormat.ofDelimiter(":");
        for (Dhcp6Option option : reply.options()) {
            String value;
            try {
                value = switch (option.code()) {
                    case Dhcp6Options.SERVERID -> "server-id " + hex.formatHex(option.data());
                    case Dhcp6Options.CLIENTID -> "client-id " + hex.formatHex(option.data());
                    case Dhcp6Options.DNS_SERVERS -> "dns-servers " + String.join(", ",
                            Dhcp6Options.addresses(option).stream().map(Ipv6Prefix::text).toList());
                    case Dhcp6Options.DOMAIN_LIST -> "domain-search " + String.join(", ", Dhcp6Options.domainList(option));
                    case Dhcp6Options.NTP_SERVER -> "ntp-servers " + String.join(", ",
                            Dhcp6Options.ntpServers(option).stream().map(Ipv6Prefix::text).toList());
                    case Dhcp6Options.SNTP_SERVERS -> "sntp-servers " + String.join(", ",
                            Dhcp6Options.addresses(option).stream().map(Ipv6Prefix::text).toList());
                    case Dhcp6Options.INFORMATION_REFRESH_TIME -> "information-refresh " + Dhcp6Options.uint32(option) + " s";
                    case Dhcp6Options.STATUS_CODE -> "status " + Dhcp6Options.statusCode(option) + " "
                            + new String(option.data(), 2, option.length() - 2, java.nio.charset.StandardCharsets.UTF_8);
                    default -> "option " + option.code() + " " + hex.formatHex(option.data());
                };
            } catch (Dhcp6DecodeException e) {
                value = "option " + option.code() + " (malformed: " + e.getMessage() + ") " + hex.formatHex(option.data());
            }
            lines.add("  " + value);
        }
        return lines;
    }
}
