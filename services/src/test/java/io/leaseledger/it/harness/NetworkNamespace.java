package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace this test created ({@code ip netns add llt…}), deleted on close, or by
 * the shutdown hook if the test could not. Only loopback is up at first; links come from
 * {@link Segment}. Nothing here touches the machine's own interfaces.
 */
public final class NetworkNamespace implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final Cleanup.Action cleanup;

    private NetworkNamespace(String name) {
        this.name = name;
        this.cleanup = Cleanup.register("delete netns " + name,
                () -> Commands.run(COMMAND_TIMEOUT, "ip", "netns", "del", name));
    }

    /** Creates {@code llt<random><role>} with loopback up. */
    public static NetworkNamespace create(String role) {
        String name = Names.unique() + role;
        Commands.run(COMMAND_TIMEOUT, "ip", "netns", "add", name).requireSuccess();
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            ns.execOk("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a short command inside the namespace, bounded by the default timeout. */
    public CommandResult exec(String... command) {
        return exec(COMMAND_TIMEOUT, List.of(command));
    }

    public CommandResult exec(Duration timeout, List<String> command) {
        return Commands.run(timeout, inside(command));
    }

    public CommandResult execOk(String... command) {
        return exec(command).requireSuccess();
    }

    /** {@code ip netns exec NAME command…}: iproute2 execs the command, so its PID is the child's. */
    public List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /**
     * The command inside the namespace AND a private view of the files DHCP clients write on
     * their own: {@code /run}, {@code /var/lib/dhcp}, {@code /var/lib/dhcpcd} and
     * {@code /etc/resolv.conf} are bind-mounted from {@code dir}. {@code ip netns exec} runs in
     * its own mount namespace with slave propagation, so these mounts never reach the host:
     * a client script or hook that rewrites resolv.conf or drops a pid file changes only the
     * test's temp dir. Processes started with the same {@code dir} share that view (dhcpcd's
     * control socket, for {@code dhcpcd -k}).
     */
    public List<String> sandboxed(Path dir, List<String> command) {
        try {
            for (String sub : List.of("run", "var-lib-dhcp", "var-lib-dhcpcd")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Path resolv = dir.resolve("resolv.conf");
            if (!Files.exists(resolv)) {
                Files.writeString(resolv, "# the test's private resolv.conf\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String script = """
                set -e
                d="$0"
                mount --bind "$d/run" /run
                [ -d /var/lib/dhcp ] && mount --bind "$d/var-lib-dhcp" /var/lib/dhcp
                [ -d /var/lib/dhcpcd ] && mount --bind "$d/var-lib-dhcpcd" /var/lib/dhcpcd
                mount --bind "$d/resolv.conf" /etc/resolv.conf
                exec "$@"
                """;
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", script, dir.toString()));
        full.addAll(command);
        return inside(full);
    }

    /** Starts a long-running {@code command} inside the namespace, in {@code workDir}. */
    public ChildProcess start(String what, Path log, Path workDir, List<String> command) {
        return ChildProcess.start(what + "@" + name, log, workDir, inside(command));
    }

    @Override
    public void close() {
        cleanup.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
