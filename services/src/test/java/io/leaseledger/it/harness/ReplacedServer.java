package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server LeaseLedger replaces, really running: Kea's kea-dhcp4 (memfile), ISC dhcpd or dnsmasq serving
 * {@code subnet} on one interface of {@code ns}, its leases written to {@link #leaseFile()} as it
 * writes them in production (Kea's lease file cleanup every 2 s instead of every hour). Stopped by {@link #close} (by PID), as an operator stops it before
 * starting LeaseLedger in its place.
 */
public final class ReplacedServer implements AutoCloseable {
    public enum Kind { KEA, ISC_DHCPD, DNSMASQ }

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path leaseFile;
    private final Path configFile;

    private ReplacedServer(ChildProcess process, Path leaseFile, Path configFile) {
        this.process = process;
        this.leaseFile = leaseFile;
        this.configFile = configFile;
    }

    public static ReplacedServer start(Lab lab, Kind kind, NetworkNamespace ns, String iface, ServedSubnet subnet) {
        Path dir = lab.subdir(kind.name().toLowerCase(java.util.Locale.ROOT));
        long seconds = subnet.leaseTime().toSeconds();
        try {
            List<String> command;
            Path leases;
            Path config;
            if (kind == Kind.KEA) {
                leases = dir.resolve("kea-leases4.csv");
                config = dir.resolve("kea-dhcp4.json");
                Files.writeString(config, """
                        {"Dhcp4": {"interfaces-config": {"interfaces": ["%s"]},
                          "lease-database": {"type": "memfile", "persist": true, "name": "%s", "lfc-interval": 2},
                          "valid-lifetime": %d,
                          "subnet4": [{"id": 1, "subnet": "%s", "pools": [{"pool": "%s - %s"}],
                            "option-data": [{"name": "routers", "data": "%s"}]}]}}
                        """.formatted(iface, leases, seconds, subnet.cidr(), subnet.rangeStart(), subnet.rangeEnd(),
                        subnet.gateway()));
                command = List.of("env", "KEA_PIDFILE_DIR=" + dir, "KEA_LOCKFILE_DIR=" + dir,
                        Requirements.path("kea-dhcp4"), "-c", config.toString());
            } else if (kind == Kind.DNSMASQ) {
                // DHCP only (no DNS: port 0), this interface only; dnsmasq rewrites its lease file at every change.
                leases = dir.resolve("dnsmasq.leases");
                config = dir.resolve("dnsmasq.conf");
                Files.writeString(config, """
                        port=0
                        interface=%s
                        bind-interfaces
                        dhcp-authoritative
                        dhcp-range=%s,%s,%s,%ds
                        dhcp-option=3,%s
                        dhcp-option=6,%s
                        dhcp-leasefile=%s
                        """.formatted(iface, subnet.rangeStart(), subnet.rangeEnd(), subnet.netmask(), seconds,
                        subnet.gateway(), String.join(",", subnet.dns()), leases));
                command = List.of(Requirements.path("dnsmasq"), "--no-daemon", "--conf-file=" + config,
                        "--pid-file=" + dir.resolve("dnsmasq.pid"));
            } else {
                leases = dir.resolve("dhcpd.leases");
                Files.writeString(leases, "");
                config = dir.resolve("dhcpd.conf");
                String network = subnet.cidr().substring(0, subnet.cidr().indexOf('/'));
                Files.writeString(config, """
                        default-lease-time %d; max-lease-time %d; authoritative;
                        subnet %s netmask %s { range %s %s; option routers %s; }
                        """.formatted(seconds, seconds, network, subnet.netmask(), subnet.rangeStart(), subnet.rangeEnd(),
                        subnet.gateway()));
                command = List.of(Requirements.path("dhcpd"), "-4", "-f", "-cf", config.toString(), "-lf",
                        leases.toString(), "-pf", dir.resolve("dhcpd.pid").toString(), iface);
            }
            ChildProcess process = lab.start(ns, kind.name().toLowerCase(java.util.Locale.ROOT), command);
            Readiness.awaitPort67(ns, process, STARTUP);
            return new ReplacedServer(process, leases, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path leaseFile() {
        return leaseFile;
    }

    /** The configuration it served: Kea's JSON, dhcpd.conf (what {@code convert-kea} or {@code convert-dhcpd} reads) or dnsmasq's. */
    public Path configFile() {
        return configFile;
    }

    /**
     * Kea: waits until its lease file cleanup (every 2 s here, every hour by default) has moved the
     * leases into {@code kea-leases4.csv.2}, as on any Kea that ran for an hour; dhcpd: nothing to wait for.
     */
    public void awaitLeaseFileCleanup(Duration timeout) throws InterruptedException {
        Path compacted = leaseFile.resolveSibling(leaseFile.getFileName() + ".2");
        if (!leaseFile.getFileName().toString().startsWith("kea-")) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(compacted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Kea's lease file cleanup did not run within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Stops it (SIGTERM by PID, then waits): its lease file is complete once it has exited. */
    @Override
    public void close() {
        process.terminate(Duration.ofSeconds(15));
    }
}
