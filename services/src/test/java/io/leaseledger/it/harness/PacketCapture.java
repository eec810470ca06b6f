package io.leaseledger.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What went over the wire: {@code tcpdump} capturing DHCP (UDP 67/68) on one interface inside
 * a namespace into a pcap file, stopped by PID; then read back field by field with
 * {@code tshark -r}. tcpdump, not tshark, writes the file: with {@code --immediate-mode -U}
 * every packet is on disk as soon as it is seen, while tshark's dumpcap loses the packets
 * still in the kernel's ring buffer when it is stopped. Field names are Wireshark's
 * ({@code dhcp.ip.your}, {@code dhcp.file}, {@code dhcp.option.dhcp}, …; {@code tshark -G fields}
 * lists them).
 */
public final class PacketCapture implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CAPTURING = Pattern.compile("listening on");
    /** Lets the last replies of an exchange reach the file before the capture stops. */
    private static final long SETTLE_MILLIS = 500;

    private final ChildProcess tcpdump;
    private final Path pcap;

    private PacketCapture(ChildProcess tcpdump, Path pcap) {
        this.tcpdump = tcpdump;
        this.pcap = pcap;
    }

    /** The usual filter: all DHCPv4 traffic, both directions. */
    public static final String DHCP = "udp port 67 or udp port 68";
    /**
     * tcpdump's kernel buffer, KiB. Under perfdhcp load on a busy machine tcpdump is not always
     * scheduled in time; with libpcap's 2 MiB default the kernel dropped a third of the packets.
     */
    private static final String BUFFER_KIB = "65536";

    /** Starts capturing on {@code iface} in {@code ns}; returns once tcpdump is capturing. */
    public static PacketCapture start(NetworkNamespace ns, String iface, Path dir) {
        return start(ns, iface, dir, DHCP);
    }

    /**
     * Captures only what the BPF {@code filter} matches (e.g. {@code udp src port 67 and src
     * host S}: just the server's replies, half the packets to keep up with under load).
     */
    public static PacketCapture start(NetworkNamespace ns, String iface, Path dir, String filter) {
        Path pcap = dir.resolve("capture-" + ns.name() + "-" + iface + ".pcap");
        for (int n = 2; java.nio.file.Files.exists(pcap); n++) {
            // A second capture on the same link (e.g. after a server restart) keeps the first file.
            pcap = dir.resolve("capture-" + ns.name() + "-" + iface + "-" + n + ".pcap");
        }
        ChildProcess tcpdump = ns.start("tcpdump", dir.resolve(pcap.getFileName().toString().replace(".pcap", ".tcpdump.log")), dir, List.of(
                Requirements.path("tcpdump"), "-n", "-i", iface, "--immediate-mode", "-U", "-s", "0", "-B", BUFFER_KIB,
                "-w", pcap.toString(), filter));
        try {
            tcpdump.awaitLine(CAPTURING, START_TIMEOUT);
        } catch (RuntimeException | AssertionError e) {
            tcpdump.close();
            throw e;
        }
        return new PacketCapture(tcpdump, pcap);
    }

    public Path file() {
        return pcap;
    }

    /** Stops the capture (by PID); idempotent. */
    public void stop() {
        if (tcpdump.isAlive()) {
            ChildProcess.sleep(SETTLE_MILLIS);
        }
        tcpdump.close();
    }

    /**
     * Stops the capture and returns, for every packet matching the display {@code filter},
     * the named fields (multi-valued fields joined by commas; absent fields are empty).
     */
    public List<Map<String, String>> read(String filter, String... fields) {
        stop();
        List<String> command = new ArrayList<>(List.of(Requirements.path("tshark"), "-n", "-r", pcap.toString(),
                "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        CommandResult result = Commands.run(Duration.ofSeconds(60), command).requireSuccess();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(fields[i], i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Stops the capture and returns tcpdump's own count ("N packets captured, M received by
     * filter, K packets dropped by kernel"): a non-zero drop count means some packets on the
     * wire are not in the file.
     */
    public String tcpdumpStatistics() {
        stop();
        return String.join("; ", tcpdump.log().lines().filter(l -> l.contains("packets")).toList());
    }

    /** Stops the capture; how many matching packets the kernel dropped because tcpdump fell behind. */
    public long kernelDrops() {
        stop();
        java.util.regex.Matcher m = Pattern.compile("(\\d+) packets? dropped by kernel").matcher(tcpdump.log());
        if (!m.find()) {
            throw new AssertionError("tcpdump printed no statistics:\n" + tcpdump.logTail());
        }
        return Long.parseLong(m.group(1));
    }

    /** A one-line-per-packet summary of the whole capture, for failure messages. */
    public String summary() {
        stop();
        return Commands.run(Duration.ofSeconds(60), Requirements.path("tshark"), "-n", "-r", pcap.toString())
                .stdout();
    }

    @Override
    public void close() {
        stop();
    }
}
