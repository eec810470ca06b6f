package io.leaseledger.probe;

import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Ipv4Address;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionDef;
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
                return typed instanceof byte[] b ? HexFormat.ofDelimiter(":").formatHex(b)
                        : typed instanceof Object[] a ? Arrays.toString(a) : String.valueOf(typed);
            } catch (RuntimeException malformed) {
                return "malformed (" + malformed.getMessage() + "): " + HexFormat.of().formatHex(value);
            }
        }).orElseGet(() -> HexFormat.of().formatHex(value));
    }
}
