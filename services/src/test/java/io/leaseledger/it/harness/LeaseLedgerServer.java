package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * LeaseLedger itself, as a child JVM inside the server namespace:
 * {@code ip netns exec NS java --enable-native-access=ALL-UNNAMED -cp <test classpath>
 * io.leaseledger.LeaseLedger serve --config <temp yaml>}. Ready when it has bound UDP 67 in
 * the namespace; its store lives in the test's temp dir ({@link #storeDir()}), or in the
 * PostgreSQL databases it was given ({@link #databases()}). Starting it again with the same
 * {@link Setup} reuses that store (a restart); each start logs to its own file.
 */
public final class LeaseLedgerServer implements DhcpServer {
    /** A cold JVM with Micronaut, Axon and H2 on a busy two-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final Path config;
    private final Path storeDir;
    private final ServerDatabases databases;

    private LeaseLedgerServer(ChildProcess process, Path config, Path storeDir, ServerDatabases databases) {
        this.process = process;
        this.config = config;
        this.storeDir = storeDir;
        this.databases = databases;
    }

    static LeaseLedgerServer start(Setup setup) {
        return start(setup, Optional.empty(), ServerDatabases.h2());
    }

    /**
     * Starts it with the store's {@code durability} ({@code commit}, {@code fsync}), or the
     * default, and its event store and projections in {@code databases}.
     */
    static LeaseLedgerServer start(Setup setup, Optional<String> durability, ServerDatabases databases) {
        return start(setup, durability, databases, List.of());
    }

    /** Starts it with further arguments of {@code serve} ({@code --import-leases FILE}). */
    static LeaseLedgerServer start(Setup setup, Optional<String> durability, ServerDatabases databases,
                                   List<String> arguments) {
        Path config = setup.dir().resolve("leaseledger.yaml");
        Path storeDir = setup.dir().resolve("data");
        try {
            Files.writeString(config, LeaseLedgerConfig.render(setup, storeDir, durability, databases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.leaseledger.LeaseLedger", "serve", "--config", config.toString()));
        command.addAll(arguments);
        ChildProcess process = setup.namespace().start("leaseledger", freshLog(setup.dir()), setup.dir(), command);
        try {
            Readiness.awaitPort67(setup.namespace(), process, STARTUP);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw new AssertionError("LeaseLedger did not start with config:\n" + readQuietly(config), e);
        }
        return new LeaseLedgerServer(process, config, storeDir, databases);
    }

    /** {@code leaseledger.log}, or {@code leaseledger-N.log} on a restart: the first run's log is kept. */
    private static Path freshLog(Path dir) {
        Path log = dir.resolve("leaseledger.log");
        for (int n = 2; Files.exists(log); n++) {
            log = dir.resolve("leaseledger-" + n + ".log");
        }
        return log;
    }

    /** The YAML configuration it was started with (for the CLI's commands on the same node). */
    public Path config() {
        return config;
    }

    /** Its {@code store.path}: the H2 files, or with PostgreSQL only the node's own files. */
    public Path storeDir() {
        return storeDir;
    }

    /** Where its event store and projections are: open them in-process (once it has stopped) to read its state. */
    public ServerDatabases databases() {
        return databases;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public ChildProcess process() {
        return process;
    }

    @Override
    public boolean isLeaseLedger() {
        return true;
    }

    @Override
    public void close() {
        process.close();
    }
}
