package io.leaseledger.probe;

import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionDef;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Renders a decoded message for people: header fields, then every option by its catalogue name. */
public final class MessagePrinter {
    private MessagePrinter() {}

    public static List<String> describe(Dhcp4Message m) {
        List<String> lines = new ArrayList<>();
        lines.add("%s  xid=0x%08x  chaddr=%s%s".formatted(
                m.messageType(), m.xid(), m.hardwareAddressString(), m.broadcast() ? "  broadcast" : ""));
        lines.add("  ciaddr=%s yiaddr=%s siaddr=%s giaddr=%s".formatted(
                Ipv4Address.format(m.ciaddr()), Ipv4Address.format(m.yiaddr()),
                Ipv4Address.format(m.siaddr()), Ipv4Address.format(m.giaddr())));
        if (!m.sname().isEmpty()) {
            lines.add("  sname=" + m.sname());
        }
        if (!m.file().isEmpty()) {
            lines.add("  file=" + m.file());
        }
        for (int i = 0; i < m.optionCount(); i++) {
            int code = m.optionCode(i).value();
            byte[] value = m.optionValue(i);
            lines.add("  option %3d %-28s %s".formatted(code, name(code), render(code, value)));
        }
        return lines;
    }

    private static String name(int code) {
        return OptionCatalog.find(code).map(OptionDef::name).orElse("(unknown)");
    }

    private static String render(int code, byte[] value) {
        return OptionCatalog.find(code).map(def -> {
            try {
                Object typed = def.decode(value);
                if (typed instanceof RelayAgentInformation relay) {
                    return relayAgent(relay);
                }
                return typed instanceof byte[] b ? HexFormat.ofDelimiter(":").formatHex(b)
                        : typed instanceof Object[] a ? Arrays.toString(a) : String.valueOf(typed);
            } catch (RuntimeException malformed) {
                return "malformed (" + malformed.getMessage() + "): " + HexFormat.of().formatHex(value);
            }
        }).orElseGet(() -> HexFormat.of().formatHex(value));
    }

    /** Option 82 as its sub-options (RFC 3046, 3527, 5107), by name: what an operator checks a relay for. */
    private static String relayAgent(RelayAgentInformation relay) {
        List<String> parts = new ArrayList<>();
        for (RelayAgentInformation.SubOption sub : relay.subOptions()) {
            byte[] value = sub.value();
            parts.add(switch (sub.code()) {
                case RelayAgentInformation.CIRCUIT_ID -> "circuit-id=" + octets(value);
                case RelayAgentInformation.REMOTE_ID -> "remote-id=" + octets(value);
                case RelayAgentInformation.LINK_SELECTION -> "link-selection=" + address(value);
                case RelayAgentInformation.SERVER_ID_OVERRIDE -> "server-id-override=" + address(value);
                default -> "sub-option " + sub.code() + "=" + octets(value);
            });
        }
        return String.join(", ", parts);
    }

    private static String address(byte[] value) {
        return value.length == 4 ? Ipv4Address.format(ByteBuffer.wrap(value).getInt()) : octets(value);
    }

    /** Printable ASCII quoted (switch ports name circuits "eth0/1"), anything else as hex. */
    private static String octets(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return HexFormat.ofDelimiter(":").formatHex(value);
            }
        }
        return '"' + new String(value, StandardCharsets.US_ASCII) + '"';
    }
}
