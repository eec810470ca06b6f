package io.leaseledger.api;

import io.leaseledger.cli.RootCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code leaseledger events} across a restart of the node it follows: the stream ends with the
 * node, the command connects again (with a growing pause while the node is away) after the last
 * event it printed, and goes on with what the new node commits — nothing missed, nothing twice.
 */
class EventsCommandRestartTest {
    private static final String BEFORE = "52:54:00:00:0e:01";
    private static final String AFTER = "52:54:00:00:0e:02";

    @TempDir
    Path dir;

    @Test
    void eventsGoesOnAfterTheLastEventItPrintedWhenTheNodeComesBack() throws Exception {
        int apiPort = ApiNode.freeApiPort();
        // The same store and API port for both starts: the command's URL stays right.
        String yaml = ApiNode.yaml(dir).replace("  port: 0\n", "  port: " + apiPort + "\n");
        ApiNode first = ApiNode.start(yaml, Clock.systemUTC());
        String token = first.readOnly;
        String url = first.base.toString();
        first.dora(BEFORE);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> events = CompletableFuture.supplyAsync(() -> new CommandLine(new RootCommand())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("events", "--url", url, "--token", token, "--from", "beginning", "--type", "LeaseGranted",
                        "--max", "2", "--timeout", "60s"));
        awaitOutput(out, BEFORE);
        first.close();

        try (ApiNode second = ApiNode.start(yaml, Clock.systemUTC())) {
            second.dora(AFTER);
            assertThat(events.get(70, TimeUnit.SECONDS)).as(err.toString()).isZero();
        }
        assertThat(out.toString().lines()).satisfiesExactly(
                line -> assertThat(line).contains("LeaseGranted", BEFORE),
                line -> assertThat(line).contains("LeaseGranted", AFTER));
        assertThat(err.toString()).contains("the event stream ended; again after position");
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        for (int i = 0; i < 300 && !out.toString().contains(text); i++) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).as("printed before the restart").contains(text);
    }
}
