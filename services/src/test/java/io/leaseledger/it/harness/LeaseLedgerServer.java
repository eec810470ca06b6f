package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * LeaseLedger itself, as a child JVM inside the server namespace:
 * {@code ip netns exec NS java --enable-native-access=ALL-UNNAMED -cp <test classpath>
 * io.leaseledger.LeaseLedger serve --config <temp yaml>}. Ready when it has bound UDP 67 in
 * the namespace; its store lives in the test's temp dir.
 */
final class LeaseLedgerServer implements DhcpServer {
    /** A cold JVM with Micronaut, Axon and H2 on a busy two-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final ChildProcess process;

    private LeaseLedgerServer(ChildProcess process) {
        this.process = process;
    }

    static LeaseLedgerServer start(Setup setup) {
        Path config = setup.dir().resolve("leaseledger.yaml");
        try {
            Files.writeString(config, LeaseLedgerConfig.render(setup, setup.dir().resolve("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.leaseledger.LeaseLedger", "serve", "--config", config.toString());
        ChildProcess process = setup.namespace().start("leaseledger", setup.dir().resolve("leaseledger.log"), setup.dir(), command);
        try {
            Readiness.awaitPort67(setup.namespace(), process, STARTUP);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw new AssertionError("LeaseLedger did not start with config:\n" + readQuietly(config), e);
        }
        return new LeaseLedgerServer(process);
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
