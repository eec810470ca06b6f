package io.leaseledger.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A reply as seen on the client's wire: the fixed fields and the options by code, raw. */
public record DhcpReply(
        int messageType, String yiaddr, String siaddr, String giaddr, String ciaddr, String sname, String file,
        Map<Integer, byte[]> options, String source) {

    public static final int OFFER = 2;
    public static final int ACK = 5;
    public static final int NAK = 6;

    static DhcpReply of(JsonNode node) {
        Map<Integer, byte[]> options = new TreeMap<>();
        node.get("options").properties().forEach(e ->
                options.put(Integer.parseInt(e.getKey()), HexFormat.of().parseHex(e.getValue().asText())));
        byte[] type = options.get(53);
        return new DhcpReply(type == null || type.length != 1 ? -1 : type[0] & 0xff,
                node.get("yiaddr").asText(), node.get("siaddr").asText(), node.get("giaddr").asText(),
                node.get("ciaddr").asText(), node.get("sname").asText(), node.get("file").asText(),
                options, node.get("src").asText());
    }

    public boolean has(int code) {
        return options.containsKey(code);
    }

    public Optional<String> text(int code) {
        return Optional.ofNullable(options.get(code)).map(b -> new String(b, StandardCharsets.US_ASCII));
    }

    public Optional<String> address(int code) {
        return Optional.ofNullable(options.get(code)).filter(b -> b.length == 4).map(b -> {
            try {
                return InetAddress.getByAddress(b).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The boot file name: the {@code file} field, or option 67 when the server put it there
     * (RFC 2132 §9.5; dnsmasq does when the client asks for 67). PXE ROMs read either.
     */
    public String bootFile() {
        if (!file.isEmpty()) {
            return file;
        }
        return text(67).map(s -> s.replace("\0", "")).orElse("");
    }

    /** The server identifier (option 54), needed to REQUEST or DECLINE what was offered. */
    public String serverId() {
        return address(54).orElseThrow(() -> new AssertionError("reply without server identifier: " + this));
    }

    @Override
    public String toString() {
        StringBuilder opts = new StringBuilder();
        options.forEach((c, v) -> opts.append(' ').append(c).append('=').append(HexFormat.of().formatHex(v)));
        return "reply(type " + messageType + ", yiaddr " + yiaddr + ", siaddr " + siaddr + ", file '" + file
                + "', from " + source + ", options" + opts + ")";
    }
}
