package io.leaseledger.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built DHCP messages from inside a client namespace: {@code dhcp_client.py} (Debian's
 * python with scapy) sends one message at layer 2 on one interface and reports every reply
 * with the same xid. For what no packaged client does on demand: PXE and iPXE identities,
 * DECLINE, INFORM, malformed datagrams.
 */
public final class ScapyClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkNamespace ns;
    private final String iface;
    private final Path script;

    private ScapyClient(NetworkNamespace ns, String iface, Path script) {
        this.ns = ns;
        this.iface = iface;
        this.script = script;
    }

    /** A client on {@code end}; the script is copied into {@code dir}. */
    public static ScapyClient on(VethLink.End end, Path dir) {
        Path script = dir.resolve("dhcp_client.py");
        try (InputStream in = ScapyClient.class.getResourceAsStream("dhcp_client.py")) {
            if (in == null) {
                throw new IllegalStateException("dhcp_client.py is not on the test classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScapyClient(end.namespace(), end.name(), script);
    }

    /** Sends {@code message}; returns the replies seen within {@code listen} (at most {@code max}). */
    public List<DhcpReply> exchange(DhcpMessage message, Duration listen, int max) {
        List<String> command = new ArrayList<>(List.of(Requirements.DEBIAN_PYTHON, script.toString(),
                "--iface", iface, "--timeout", Double.toString(listen.toMillis() / 1000.0),
                "--replies", Integer.toString(max)));
        command.addAll(message.arguments());
        return run(command, listen);
    }

    /** The first reply to {@code message}, failing if none came within {@code listen}. */
    public DhcpReply reply(DhcpMessage message, Duration listen) {
        List<DhcpReply> replies = exchange(message, listen, 1);
        if (replies.isEmpty()) {
            throw new AssertionError("no reply to " + message + " within " + listen);
        }
        return replies.getFirst();
    }

    /**
     * Sends each payload, as is, as a UDP datagram from 0.0.0.0:68 to 255.255.255.255:67;
     * returns any DHCP replies seen within {@code listen} (a sane server sends none).
     */
    public List<DhcpReply> sendRaw(List<byte[]> payloads, Duration listen) {
        List<String> command = new ArrayList<>(List.of(Requirements.DEBIAN_PYTHON, script.toString(),
                "--iface", iface, "--timeout", Double.toString(listen.toMillis() / 1000.0), "--replies", "1000"));
        for (byte[] payload : payloads) {
            command.add("--raw");
            command.add(java.util.HexFormat.of().formatHex(payload));
        }
        return run(command, listen);
    }

    private List<DhcpReply> run(List<String> command, Duration listen) {
        // python and scapy take a few seconds to start on a busy machine; the listen time is extra.
        CommandResult result = ns.exec(listen.plusSeconds(60), command).requireSuccess();
        List<DhcpReply> replies = new ArrayList<>();
        for (String line : result.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
            try {
                JsonNode node = JSON.readTree(line);
                replies.add(DhcpReply.of(node));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable reply line: " + line, e);
            }
        }
        return replies;
    }
}
