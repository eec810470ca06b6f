package io.leaseledger.cli;

import io.leaseledger.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A second {@code serve} on a store another process holds says so in one line, and exits 3. */
class StoreInUseTest {
    @TempDir
    Path dir;

    @Test
    void h2sRefusalIsFoundThroughTheExceptionsAroundIt() {
        var refusal = new SQLException("Database may be already in use: \"/srv/events.mv.db\".\nmore", "90020",
                StoreInUse.H2_DATABASE_ALREADY_OPEN);
        var wrapped = new IllegalStateException("bean", new RuntimeException("pool", refusal));

        assertThat(StoreInUse.explain(wrapped)).hasValueSatisfying(message -> assertThat(message)
                .contains("in use by another process", "store.path", "/srv/events.mv.db").doesNotContain("more"));
        assertThat(StoreInUse.explain(new IllegalStateException("something else"))).isEmpty();
    }

    @Test
    @Timeout(120)
    void serveOnAStoreAnotherProcessHoldsExitsThreeNamingIt() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path config = Files.writeString(dir.resolve("node.yaml"), """
                server:
                  bind: [127.0.0.1]
                  port: 16767
                  warm-up: false
                store:
                  kind: h2
                  path: %s
                projections:
                  enabled: false
                subnets:
                  - cidr: 127.0.0.0/8
                """.formatted(data));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsDatabaseOpen.class.getName(),
                StoreSettings.h2Url(data), "60")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII))) {
            assertThat(out.readLine()).as("the other process has the store open").isEqualTo("open");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            int code;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                ServeCommand serve = new ServeCommand();
                serve.config = config;
                code = serve.call();
            } finally {
                System.setErr(stderr);
            }

            assertThat(code).isEqualTo(ServeCommand.STORE_IN_USE);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("in use by another process", "events.mv.db")
                    .doesNotContain("\tat ");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The other process: opens the database, says so, holds it until killed (or {@code args[1]} seconds). */
    public static final class HoldsDatabaseOpen {
        public static void main(String[] args) throws Exception {
            try (Connection ignored = DriverManager.getConnection(args[0], "sa", "")) {
                System.out.println("open");
                System.out.flush();
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args[1])));
            }
        }
    }
}
