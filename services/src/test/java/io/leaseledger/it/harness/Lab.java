package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * One test's private network lab, as a JUnit extension
 * ({@code @RegisterExtension final Lab lab = new Lab();}): a temp dir, and every namespace,
 * segment, server, client and capture the test makes through it. After each test, whatever
 * happened, all of it is stopped (by PID) and deleted, newest first. When the test failed,
 * the tail of every child's log is printed and the temp dir is kept for inspection.
 */
public final class Lab implements BeforeEachCallback, AfterEachCallback {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("llt-rc-" + context.getRequiredTestMethod().getName() + "-");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // A skipped test (failed assumption) is not a failure: nothing to inspect.
        boolean failed = context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
        if (failed) {
            children.forEach(c -> System.err.println(c.logTail()));
        }
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                System.err.println("llt: teardown: " + e);
            }
        }
        children.clear();
        if (failed) {
            System.err.println("llt: kept " + dir + " for inspection");
        } else {
            deleteTree(dir);
        }
    }

    public Path dir() {
        return dir;
    }

    public NetworkNamespace namespace(String role) {
        return own(NetworkNamespace.create(role));
    }

    /** A segment bridged in {@code home}, with {@code cidr} (the server's or relay's address) on it. */
    public Segment segment(NetworkNamespace home, String cidr) {
        return Segment.create(home, Optional.of(cidr));
    }

    /** Starts the server under test in {@code ns}, serving {@code interfaces}. */
    public DhcpServer server(NetworkNamespace ns, List<String> interfaces, String serverAddress, ServedSubnet... subnets) {
        Path serverDir = subdir("server");
        DhcpServer server = own(DhcpServer.start(
                new DhcpServer.Setup(ns, interfaces, serverAddress, List.of(subnets), serverDir)));
        children.add(server.process());
        return server;
    }

    /**
     * Starts LeaseLedger itself (whatever {@code -Dleaseledger.it.server} says) in {@code ns},
     * with its store's {@code durability} ({@code commit} or {@code fsync}). Its store is
     * {@code <dir>/server/data}: calling this again with the same arguments restarts it on the
     * same store, which is what a crash test needs.
     */
    public LeaseLedgerServer leaseLedger(NetworkNamespace ns, List<String> interfaces, String serverAddress,
                                         String durability, ServedSubnet... subnets) {
        return leaseLedger(ns, interfaces, serverAddress, durability, ServerDatabases.h2(), subnets);
    }

    /** LeaseLedger with further keys of its {@code server:} block ({@code active-mapping: 1m}), its store in H2. */
    public LeaseLedgerServer leaseLedger(NetworkNamespace ns, List<String> interfaces, String serverAddress,
                                         java.util.Map<String, String> serverOptions, ServedSubnet... subnets) {
        Path serverDir = subdir("server");
        LeaseLedgerServer server = own(LeaseLedgerServer.start(
                new DhcpServer.Setup(ns, interfaces, serverAddress, List.of(subnets), serverDir, serverOptions)));
        children.add(server.process());
        return server;
    }

    /**
     * LeaseLedger in {@code <dir>/<name>} (so that two run side by side, and the same name restarts
     * on the same store), its file ending with {@code extraYaml} (top-level blocks: {@code node},
     * {@code kafka}, {@code ha}).
     */
    public LeaseLedgerServer leaseLedger(NetworkNamespace ns, String name, List<String> interfaces, String serverAddress,
                                         String extraYaml, ServedSubnet... subnets) {
        LeaseLedgerServer server = own(LeaseLedgerServer.start(new DhcpServer.Setup(ns, interfaces, serverAddress,
                List.of(subnets), subdir(name), java.util.Map.of(), extraYaml)));
        children.add(server.process());
        return server;
    }

    /** LeaseLedger started with further arguments of {@code serve} ({@code --import-leases FILE}), its store in H2. */
    public LeaseLedgerServer leaseLedgerWithArguments(NetworkNamespace ns, List<String> interfaces, String serverAddress,
                                                      List<String> arguments, ServedSubnet... subnets) {
        LeaseLedgerServer server = own(LeaseLedgerServer.start(new DhcpServer.Setup(ns, interfaces, serverAddress,
                List.of(subnets), subdir("server")), Optional.empty(), ServerDatabases.h2(), arguments));
        children.add(server.process());
        return server;
    }

    /**
     * LeaseLedger started with further arguments of {@code serve}, its subnets (and global
     * {@code options} and {@code pxe}) from {@code subnetsYaml}: top-level blocks, as a converter writes them.
     */
    public LeaseLedgerServer leaseLedgerWithArguments(NetworkNamespace ns, List<String> interfaces, String serverAddress,
                                                      List<String> arguments, String subnetsYaml) {
        LeaseLedgerServer server = own(LeaseLedgerServer.start(new DhcpServer.Setup(ns, interfaces, serverAddress,
                List.of(), subdir("server"), java.util.Map.of(), subnetsYaml), Optional.empty(), ServerDatabases.h2(),
                arguments));
        children.add(server.process());
        return server;
    }

    /** The same, with its event store and projections in {@code databases}. */
    public LeaseLedgerServer leaseLedger(NetworkNamespace ns, List<String> interfaces, String serverAddress,
                                         String durability, ServerDatabases databases, ServedSubnet... subnets) {
        Path serverDir = subdir("server");
        LeaseLedgerServer server = own(LeaseLedgerServer.start(
                new DhcpServer.Setup(ns, interfaces, serverAddress, List.of(subnets), serverDir), Optional.of(durability),
                databases));
        children.add(server.process());
        return server;
    }

    /**
     * Two PostgreSQL databases for LeaseLedger's event store and projections
     * ({@link PostgresDatabases}), reachable at 127.0.0.1:5432 from inside {@code ns} as from
     * this JVM. Dropped after the test, after everything started later (the server first); the
     * test is skipped when there is no PostgreSQL or no socat. {@link PostgresDatabases#cutOff()}
     * takes them away from {@code ns} (a {@link PostgresForwarder} stopped) and
     * {@link PostgresDatabases#reconnect()} gives them back.
     */
    public PostgresDatabases postgres(NetworkNamespace ns) {
        return postgres(ns, null);
    }

    /**
     * The same, both databases in a tablespace of their own on {@code disk} ({@link PostgresTablespace}):
     * what fills that disk stops their relations from growing, and nothing else of PostgreSQL's.
     */
    public PostgresDatabases postgresOn(NetworkNamespace ns, PowerCutDisk disk) {
        return postgres(ns, own(PostgresTablespace.create(disk.mountPoint())));
    }

    private PostgresDatabases postgres(NetworkNamespace ns, PostgresTablespace tablespace) {
        PostgresDatabases databases = own(PostgresDatabases.create(tablespace));
        PostgresForwarder forwarder = new PostgresForwarder(this, ns, databases);
        forwarder.start();
        databases.forwardedBy(forwarder);
        return databases;
    }

    /**
     * An ext4 of its own mounted over {@code <dir>/<name>}, whose power the test can cut
     * ({@link PowerCutDisk}); unmounted and detached after the test, after everything started later.
     */
    public PowerCutDisk powerCutDisk(String name) {
        return own(PowerCutDisk.mountOver(subdir(name), dir.resolve(name + ".ext4"), 512L * 1024 * 1024));
    }

    /** Starts a long-running child inside {@code ns} (log: {@code <dir>/<what>.log}). */
    public ChildProcess start(NetworkNamespace ns, String what, List<String> command) {
        return track(ns.start(what, dir.resolve(what + ".log"), dir, command));
    }

    /** Like {@link #start}, with the client's file writes confined (see {@link NetworkNamespace#sandboxed}). */
    public ChildProcess startSandboxed(NetworkNamespace ns, String what, List<String> command) {
        return track(ChildProcess.start(what + "@" + ns.name(), dir.resolve(what + ".log"), dir,
                ns.sandboxed(sandbox(ns), command)));
    }

    /** Runs a short command with the same confined view as {@link #startSandboxed}. */
    public CommandResult execSandboxed(NetworkNamespace ns, java.time.Duration timeout, List<String> command) {
        return Commands.run(timeout, ns.sandboxed(sandbox(ns), command));
    }

    public PacketCapture capture(NetworkNamespace ns, String iface) {
        PacketCapture capture = own(PacketCapture.start(ns, iface, dir));
        return capture;
    }

    /** A capture of only what the BPF {@code filter} matches. */
    public PacketCapture capture(NetworkNamespace ns, String iface, String filter) {
        return own(PacketCapture.start(ns, iface, dir, filter));
    }

    public ScapyClient scapy(VethLink.End end) {
        return ScapyClient.on(end, dir);
    }

    /** Writes an executable shell script into the temp dir. */
    public Path script(String name, String body) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, body);
            file.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path subdir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TCP service of this host's loopback (a Kafka broker in the test's JVM) reachable at
     * 127.0.0.1:{@code port} inside {@code ns} too, as PostgreSQL is ({@link PostgresDatabases}):
     * a socat in this host's namespace from a Unix socket in /tmp to the port, started
     * once per port, and one in {@code ns} from the port to that socket. Both stopped after the test.
     */
    public void forwardTcp(NetworkNamespace ns, int port) {
        Requirements.assumeRootAndTools("socat");
        // In /tmp itself: a socket's path has at most 108 bytes, and the lab's directory is named after the test.
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "llt-" + ProcessHandle.current().pid() + "-" + port + ".sock");
        if (!Files.exists(socket)) {
            own(() -> Files.deleteIfExists(socket));
            Path workDir = subdir("tcp-forwarder-" + port);
            ChildProcess host = track(ChildProcess.start("tcp-forwarder-" + port, workDir.resolve("socat.log"), workDir,
                    List.of(Requirements.path("socat"), "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + port)));
            host.awaitOrFail("socket " + socket, java.time.Duration.ofSeconds(20), () -> Files.exists(socket));
        }
        ChildProcess inside = start(ns, "tcp-forwarder-" + port, List.of(Requirements.path("socat"),
                "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket));
        Readiness.awaitTcpListener(ns, inside, port, java.time.Duration.ofSeconds(20));
    }

    private Path sandbox(NetworkNamespace ns) {
        return subdir("sandbox-" + ns.name());
    }

    private ChildProcess track(ChildProcess child) {
        children.add(child);
        return own(child);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("llt: cannot delete " + root + ": " + e);
        }
    }
}
