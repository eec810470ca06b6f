package io.leaseledger.wire.mdns;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.link.UdpDatagram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Reads one IPv4 datagram as an {@code AF_PACKET}/{@code SOCK_DGRAM} socket delivers it (from the
 * IP header on) and, when it is an mDNS response (RFC 6762: UDP to port 5353, QR set) in which the
 * sender names its own address — an A record under {@code .local} whose address is the datagram's
 * source — says which name. A record for any other address is passed over: a device may announce
 * others (a proxy, a sleep proxy), but only what it says of itself is taken, so one host cannot
 * rename the rest of the link. The DNS message is read by dnsjava. Never throws on bad input.
 */
public final class MdnsFrames {
    static final int MDNS_PORT = 5353;
    private static final Name LOCAL = Name.fromConstantString("local.");
    /** A host name: one label of letters, digits, '-' and '_', at most 63 characters. */
    private static final int MAX_LABEL = 63;

    private MdnsFrames() {
    }

    /** What a frame turned out to be. */
    public sealed interface Verdict {
    }

    /** The names the sender gave its own address (usually one). */
    public record Named(List<MdnsName> names) implements Verdict {
    }

    /** No name; {@code reason} says why. */
    public record Dropped(MdnsDrop reason) implements Verdict {
    }

    /** Reads {@code length} bytes of {@code packet}, heard on {@code iface} from the link address {@code sender}. */
    public static Verdict read(String iface, byte[] packet, int length, byte[] sender) {
        Optional<UdpDatagram> datagram = UdpDatagram.read(packet, length).filter(d -> d.destinationPort() == MDNS_PORT);
        if (datagram.isEmpty() || sender.length != 6) {
            return new Dropped(MdnsDrop.MALFORMED);
        }
        UdpDatagram udp = datagram.get();
        Message message;
        try {
            byte[] payload = Arrays.copyOfRange(packet, udp.payloadOffset(), udp.payloadOffset() + udp.payloadLength());
            message = new Message(payload);
        } catch (IOException | RuntimeException e) {
            return new Dropped(MdnsDrop.UNDECODABLE);
        }
        if (!message.getHeader().getFlag(Flags.QR)) {
            return new Dropped(MdnsDrop.NO_OWN_NAME);
        }
        Ipv4Address source = udp.source();
        MacAddress mac = MacAddress.ethernet(sender);
        List<MdnsName> names = new ArrayList<>();
        for (int section : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
            for (Record record : message.getSection(section)) {
                if (record instanceof ARecord a && Ipv4Address.of(a.getAddress()).equals(source)) {
                    hostname(a.getName()).map(h -> new MdnsName(iface, source, mac, h))
                            .filter(n -> !names.contains(n)).ifPresent(names::add);
                }
            }
        }
        return names.isEmpty() ? new Dropped(MdnsDrop.NO_OWN_NAME) : new Named(names);
    }

    /** {@code bmc7} of {@code bmc7.local.}; empty for any other shape of name. */
    static Optional<String> hostname(Name name) {
        if (name.labels() != 3 || !name.subdomain(LOCAL)) {
            return Optional.empty();
        }
        String label = name.getLabelString(0);
        if (label.isEmpty() || label.length() > MAX_LABEL
                || !label.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_')) {
            return Optional.empty();
        }
        return Optional.of(label.toLowerCase(Locale.ROOT));
    }
}
