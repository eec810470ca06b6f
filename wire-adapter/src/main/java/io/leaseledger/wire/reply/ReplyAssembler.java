package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.wire.dhcp4.Dhcp4EncodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the reply to a request from what the {@code Subnet} aggregate decided and what the
 * settings view says about the subnet and the client. It never allocates an address and never
 * reads the write path: everything it needs is in its arguments.
 *
 * <p>Every reply starts from {@link Dhcp4Message#replyTo}: xid, flags, giaddr and chaddr copied,
 * the client identifier (61) echoed (RFC 6842) and the relay agent information (82) echoed last
 * (RFC 3046 §2.2).
 * <ul>
 *   <li>OFFER and ACK (RFC 2131 table 3): {@code yiaddr}; message type, server identifier (54),
 *       lease time (51), T1 (58) and T2 (59) always; then the configured options in
 *       {@link OptionOrder}; the boot settings of {@link PxeSelection}.</li>
 *   <li>NAK: only message type, server identifier, message (56), client identifier and relay
 *       information; the broadcast bit set when relayed (RFC 2131 §4.3.2).</li>
 *   <li>INFORM (RFC 2131 §4.3.5): an ACK with the configuration options but no lease time, T1 or
 *       T2, and {@code yiaddr} 0.</li>
 * </ul>
 * If the reply would not fit the client's maximum message size (57) even with option overload,
 * optional options are left out from the end of the order (always-send and basic first, then
 * the least wanted of those the client asked for) until it fits.
 */
public final class ReplyAssembler {

    private ReplyAssembler() {}

    /** The reply for {@code decision}; empty for {@link Decision.Silent}. */
    public static Optional<Dhcp4Message> reply(Dhcp4Message request, Decision decision, ReplyProfile profile) {
        return switch (decision) {
            case Decision.Offer o -> Optional.of(lease(request, MessageType.OFFER, o.address(), o.leaseTime(), o.t1(), o.t2(), profile));
            case Decision.Ack a -> Optional.of(lease(request, MessageType.ACK, a.address(), a.leaseTime(), a.t1(), a.t2(), profile));
            case Decision.Nak n -> Optional.of(nak(request, profile.serverIdentifier(), n.reason().message()));
            case Decision.Silent s -> Optional.empty();
        };
    }

    /** The DHCPACK answering a DHCPINFORM: configuration only, answered from the settings view. */
    public static Dhcp4Message inform(Dhcp4Message request, ReplyProfile profile) {
        Dhcp4MessageBuilder b = Dhcp4Message.replyTo(request, MessageType.ACK).yiaddr(0);
        b.put(OptionCatalog.SERVER_IDENTIFIER, profile.serverIdentifier());
        return withOptions(request, b, profile);
    }

    /** A DHCPNAK (RFC 2131 table 3): nothing but the type, our identifier, a message and the echoes. */
    public static Dhcp4Message nak(Dhcp4Message request, Ipv4Address serverIdentifier, String message) {
        Dhcp4MessageBuilder b = Dhcp4Message.replyTo(request, MessageType.NAK);
        b.put(OptionCatalog.SERVER_IDENTIFIER, serverIdentifier);
        b.putOption(56, message.getBytes(StandardCharsets.US_ASCII));
        if (request.giaddr() != 0) {
            b.broadcast(true);
        }
        return b.build();
    }

    private static Dhcp4Message lease(Dhcp4Message request, MessageType type, Ipv4Address address,
            LeaseTime lease, LeaseTime t1, LeaseTime t2, ReplyProfile profile) {
        Dhcp4MessageBuilder b = Dhcp4Message.replyTo(request, type).yiaddr(address.value());
        b.put(OptionCatalog.SERVER_IDENTIFIER, profile.serverIdentifier());
        b.put(OptionCatalog.LEASE_TIME, lease.seconds());
        b.put(OptionCatalog.RENEWAL_TIME, t1.seconds());
        b.put(OptionCatalog.REBINDING_TIME, t2.seconds());
        return withOptions(request, b, profile);
    }

    private static Dhcp4Message withOptions(Dhcp4Message request, Dhcp4MessageBuilder b, ReplyProfile profile) {
        Map<Integer, OptionSnippet> configured = new LinkedHashMap<>();
        configured.put(1, new OptionSnippet(1, OptionCatalog.SUBNET_MASK.encode(profile.subnet().netmask()), false));
        profile.options().forEach(o -> configured.put(o.code(), o));
        profile.hostname().ifPresent(h -> configured.put(12, new OptionSnippet(12, OptionCatalog.HOST_NAME.encode(h.value()), false)));
        Set<Integer> forced = new HashSet<>();
        Optional<BootChoice> boot = PxeSelection.select(request, profile.pxe());
        boot.ifPresent(c -> boot(b, c, configured, forced));
        List<OptionSnippet> optional = new ArrayList<>(OptionOrder.order(prl(request), configured, forced));
        optional.forEach(o -> b.putOption(o.code(), o.value()));
        return fitted(b, optional, request.maxMessageSize());
    }

    /** siaddr, sname and file for a booting client; options 66, 67 and (HTTP boot) 60 beside them. */
    private static void boot(Dhcp4MessageBuilder b, BootChoice c, Map<Integer, OptionSnippet> configured, Set<Integer> forced) {
        c.nextServer().ifPresent(a -> b.siaddr(a.value()));
        c.serverName().ifPresent(name -> {
            b.sname(name);
            configured.put(66, new OptionSnippet(66, OptionCatalog.TFTP_SERVER_NAME.encode(name), false));
        });
        configured.put(67, new OptionSnippet(67, OptionCatalog.BOOTFILE_NAME.encode(c.bootFile()), false));
        if (c.bootFile().length() < 128) {
            b.file(c.bootFile());
        } else {
            forced.add(67); // too long for the file field: the option is the only place it can go
        }
        if (c.httpClient()) {
            configured.put(60, new OptionSnippet(60, OptionCatalog.VENDOR_CLASS_IDENTIFIER.encode("HTTPClient"), false));
            forced.add(60);
        }
    }

    /** Leaves optional options out, last first, until the reply fits the client's limit. */
    private static Dhcp4Message fitted(Dhcp4MessageBuilder b, List<OptionSnippet> optional, int maxMessageSize) {
        Dhcp4Message m = b.build();
        while (!fits(m, maxMessageSize) && !optional.isEmpty()) {
            b.removeOption(OptionCode.valueOf(optional.removeLast().code()));
            m = b.build();
        }
        return m;
    }

    private static boolean fits(Dhcp4Message m, int maxMessageSize) {
        int size = 240 + 1; // header, cookie, end
        for (int i = 0; i < m.optionCount(); i++) {
            int len = m.optionValue(i).length;
            size += 2 * Math.max(1, (len + 254) / 255) + len;
        }
        if (size <= Dhcp4Encoder.payloadLimit(maxMessageSize)) {
            return true;
        }
        try {
            Dhcp4Encoder.encode(m, maxMessageSize); // may still fit by overloading file and sname
            return true;
        } catch (Dhcp4EncodeException tooLarge) {
            return false;
        }
    }

    private static Optional<List<OptionCode>> prl(Dhcp4Message request) {
        try {
            return request.get(OptionCatalog.PARAMETER_REQUEST_LIST);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

}
