package io.leaseledger.it.harness;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DHCP message for {@link ScapyClient} to send: type, client hardware address, xid, the
 * fixed fields a client may set, and extra options by code. Replies are asked for by
 * broadcast unless {@link #unicastReply()} says otherwise.
 */
public record DhcpMessage(
        String type,
        String mac,
        int xid,
        String ciaddr,
        Optional<String> requested,
        Optional<String> serverId,
        Map<Integer, byte[]> options,
        boolean broadcast,
        String source) {

    public DhcpMessage {
        if (!List.of("discover", "request", "decline", "release", "inform").contains(type)) {
            throw new IllegalArgumentException("unsupported message type " + type);
        }
        options = Map.copyOf(options);
    }

    public static DhcpMessage discover(String mac, int xid) {
        return new DhcpMessage("discover", mac, xid, "0.0.0.0", Optional.empty(), Optional.empty(),
                Map.of(), true, "0.0.0.0");
    }

    /** A REQUEST in SELECTING state: the offered address and the server that offered it. */
    public static DhcpMessage request(String mac, int xid, String address, String serverId) {
        return new DhcpMessage("request", mac, xid, "0.0.0.0", Optional.of(address), Optional.of(serverId),
                Map.of(), true, "0.0.0.0");
    }

    /**
     * A REQUEST in INIT-REBOOT state (RFC 2131 §4.3.2): a rebooted client asks to keep the
     * address it remembers; no server identifier, ciaddr zero.
     */
    public static DhcpMessage initReboot(String mac, int xid, String address) {
        return new DhcpMessage("request", mac, xid, "0.0.0.0", Optional.of(address), Optional.empty(),
                Map.of(), true, "0.0.0.0");
    }

    public static DhcpMessage decline(String mac, int xid, String address, String serverId) {
        return new DhcpMessage("decline", mac, xid, "0.0.0.0", Optional.of(address), Optional.of(serverId),
                Map.of(), true, "0.0.0.0");
    }

    /** An INFORM from a client that already has {@code address} (configured by other means). */
    public static DhcpMessage inform(String mac, int xid, String address) {
        return new DhcpMessage("inform", mac, xid, address, Optional.empty(), Optional.empty(),
                Map.of(), false, address);
    }

    public DhcpMessage withOption(int code, byte[] value) {
        Map<Integer, byte[]> more = new LinkedHashMap<>(options);
        more.put(code, value.clone());
        return new DhcpMessage(type, mac, xid, ciaddr, requested, serverId, more, broadcast, source);
    }

    public DhcpMessage withOption(int code, String text) {
        return withOption(code, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public DhcpMessage unicastReply() {
        return new DhcpMessage(type, mac, xid, ciaddr, requested, serverId, options, false, source);
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--type", type, "--mac", mac, "--xid", Integer.toString(xid),
                "--ciaddr", ciaddr, "--src", source));
        requested.ifPresent(a -> args.addAll(List.of("--requested", a)));
        serverId.ifPresent(a -> args.addAll(List.of("--server-id", a)));
        options.forEach((code, value) -> args.addAll(List.of("--option", code + ":" + HexFormat.of().formatHex(value))));
        if (broadcast) {
            args.add("--broadcast");
        }
        return args;
    }

    @Override
    public String toString() {
        return type.toUpperCase() + "(mac " + mac + ", xid " + xid + ", ciaddr " + ciaddr
                + requested.map(a -> ", requested " + a).orElse("")
                + serverId.map(a -> ", server " + a).orElse("") + ", options " + options.keySet() + ")";
    }
}
