package io.leaseledger.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * ISC dhclient on one interface of a client namespace, in the foreground ({@code -1 -v -d}),
 * with its own config, lease file, pid file and script in the lab's temp dir. The script
 * records each event and only adds or removes the leased address on the client's interface
 * (so a RENEW can go by unicast); it never touches resolv.conf, routes or hostname, and
 * Debian's {@code /sbin/dhclient-script} (which rewrites {@code /etc/resolv.conf}) is never used.
 */
public final class Dhclient {
    private static final Pattern BOUND = Pattern.compile("bound to (\\S+) -- renewal in (\\d+) seconds");

    private final Lab lab;
    private final VethLink.End nic;
    private final Path conf;
    private final Path leases;
    private final Path pid;
    private final Path script;
    private final Path events;
    private ChildProcess process;

    private Dhclient(Lab lab, VethLink.End nic, String name) {
        this.lab = lab;
        this.nic = nic;
        Path dir = lab.subdir(name);
        this.conf = dir.resolve("dhclient.conf");
        this.leases = dir.resolve("dhclient.leases");
        this.pid = dir.resolve("dhclient.pid");
        this.events = dir.resolve("events");
        lab.script(name + "/dhclient.conf", """
                # Ours, not /etc/dhcp/dhclient.conf: a bounded first attempt, the usual requests.
                timeout 30;
                request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers,
                        dhcp-lease-time, dhcp-renewal-time, dhcp-rebinding-time;
                """);
        this.script = lab.script(name + "/dhclient-script", """
                #!/bin/sh
                # Runs inside the client's namespace. Records the event; puts the leased address
                # on the interface so RENEW can be unicast. Touches nothing else.
                echo "$reason ip=$new_ip_address lease=$new_dhcp_lease_time routers=$new_routers" >> '%s'
                case "$reason" in
                  BOUND|RENEW|REBIND|REBOOT)
                    if [ -n "$old_ip_address" ] && [ "$old_ip_address" != "$new_ip_address" ]; then
                      ip addr del "$old_ip_address/$old_subnet_mask" dev "$interface"
                    fi
                    ip addr replace "$new_ip_address/$new_subnet_mask" dev "$interface" ;;
                  EXPIRE|FAIL|RELEASE|STOP)
                    if [ -n "$old_ip_address" ]; then ip addr del "$old_ip_address/$old_subnet_mask" dev "$interface"; fi ;;
                esac
                exit 0
                """.formatted(events));
    }

    public static Dhclient on(Lab lab, VethLink.End nic, String name) {
        return new Dhclient(lab, nic, name);
    }

    private List<String> command(String... extra) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Requirements.path("dhclient"), "-4", "-v",
                "-cf", conf.toString(), "-lf", leases.toString(), "-pf", pid.toString(), "-sf", script.toString()));
        cmd.addAll(List.of(extra));
        cmd.add(nic.name());
        return cmd;
    }

    /** Starts DORA; dhclient stays in the foreground afterwards to renew. */
    public Dhclient start() {
        process = lab.startSandboxed(nic.namespace(), "dhclient-" + nic.name(), command("-1", "-d"));
        return this;
    }

    /** Waits for the {@code n}-th "bound to" and returns the address bound. */
    public String awaitBound(int n, Duration timeout) {
        MatchResult m = process.awaitLine(BOUND, n, timeout);
        return m.group(1);
    }

    /** {@code dhclient -r}: stops the running dhclient (by its pid file) and sends DHCPRELEASE. */
    public CommandResult release() {
        CommandResult result = lab.execSandboxed(nic.namespace(), Duration.ofSeconds(30), command("-r"));
        process.awaitExit(Duration.ofSeconds(10));
        return result;
    }

    public ChildProcess process() {
        return process;
    }

    /** The addresses on the client's interface (what the script configured). */
    public String interfaceAddresses() {
        return nic.namespace().execOk("ip", "-4", "-o", "addr", "show", "dev", nic.name()).stdout();
    }

    public String events() {
        try {
            return java.nio.file.Files.exists(events) ? java.nio.file.Files.readString(events) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
