package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server stopped the ordinary way (SIGTERM, as systemd or Ctrl-C stops it) in the middle of a
 * perfdhcp load stops in order: it stops reading, answers every request it had read, and no
 * decision fails on the way out. H2 used to close its databases
 * from a shutdown hook of its own, beside the node's, and every batch still being decided then
 * failed ("cannot start a transaction").
 */
@Tag("netns")
@Timeout(300)
class StopUnderLoadIT {
    private static final String SERVER = "198.18.0.1";
    private static final String RELAY = "198.18.0.2";
    private static final ServedSubnet SUBNET = new ServedSubnet("198.18.0.0/16", SERVER, List.of(SERVER), "llt.test",
            Duration.ofHours(1), "198.18.1.0", "198.18.200.255", Optional.empty());
    private static final Pattern STOPPED_STATS = Pattern.compile("group commit closed \\(.*failedMessages=(\\d+)");
    private static final Pattern TRANSPORT_STATS =
            Pattern.compile("DHCP transport closed \\(received=(\\d+) drops=\\{([^}]*)} sent=(\\d+)");

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeRootAndTools("ip", "perfdhcp");
    }

    @Test
    void aServerStoppedUnderLoadAnswersWhatItReadAndFailsNoDecision() {
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, SERVER + "/16");
        VethLink.End relayNic = lan.attach(lab.namespace("c")).address(RELAY + "/16");
        LeaseLedgerServer server = lab.leaseLedger(serverNs, List.of(lan.bridge()), SERVER, "commit", SUBNET);
        ChildProcess load = lab.start(relayNic.namespace(), "perfdhcp-load", List.of(Requirements.path("perfdhcp"),
                "-4", "-l", relayNic.name(), "-r", "3000", "-R", "50000", "-p", "30"));
        server.process().awaitLine(Pattern.compile("decided=[1-9]|LeaseLedger serving"), Duration.ofSeconds(30));
        sleep(3_000); // three seconds of load: the mailbox is never empty when the signal comes

        server.process().terminate(Duration.ofSeconds(60));
        load.close();

        String log = server.process().log();
        assertThat(log).as("the server under load when it was stopped").contains("DHCP transport closed (received=");
        assertThat(log).doesNotContain("DECISION_FAILED").doesNotContain("failed, no reply");
        Matcher stats = STOPPED_STATS.matcher(log);
        assertThat(stats.find()).as("the group commit's closing line in:%n%s", server.process().logTail()).isTrue();
        assertThat(stats.group(1)).as("messages whose batch failed").isEqualTo("0");
        // The server stopped reading first and answered what it had read: every request it
        // received got its reply or was dropped, counted, by name (perfdhcp sends only DISCOVERs
        // and REQUESTs, each of which is answered).
        Matcher transport = TRANSPORT_STATS.matcher(log);
        assertThat(transport.find()).isTrue();
        long received = Long.parseLong(transport.group(1));
        long dropped = transport.group(2).isBlank() ? 0 : java.util.Arrays.stream(transport.group(2).split(", "))
                .mapToLong(entry -> Long.parseLong(entry.substring(entry.indexOf('=') + 1))).sum();
        long sent = Long.parseLong(transport.group(3));
        assertThat(sent + dropped).as("replies sent (%d) and requests dropped (%s) of %d received",
                sent, transport.group(2), received).isEqualTo(received);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
