package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.RelayedLoadLan;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.ServerDatabases;
import java.time.Duration;
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
 * failed ("cannot start a transaction"). Here the event store and projections are H2 files;
 * {@link StopUnderLoadOnPostgresIT} runs the same with both in PostgreSQL.
 */
@Tag("netns")
@Timeout(300)
class StopUnderLoadIT {
    private static final ServedSubnet SUBNET = RelayedLoadLan.subnet("198.18.1.0", "198.18.200.255");
    /** Logged once the mailboxes have drained, before they close. */
    private static final Pattern STOPPED_STATS = Pattern.compile("group commit closed \\(Snapshot\\[accepted=(\\d+), "
            + "dropped=\\d+, commits=\\d+, decided=(\\d+), failedBatches=\\d+, failedMessages=(\\d+), stale=(\\d+)");
    private static final Pattern SEND_FAILURES = Pattern.compile("DHCP transport closed \\(.* sendFailures=(\\d+)");

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeRootAndTools("ip", "perfdhcp");
    }

    /** Where the server keeps its event store and projections, made in {@code lab}, reachable from {@code serverNs}. */
    ServerDatabases databases(Lab lab, NetworkNamespace serverNs) {
        return ServerDatabases.h2();
    }

    @Test
    void aServerStoppedUnderLoadAnswersWhatItReadAndFailsNoDecision() {
        RelayedLoadLan net = RelayedLoadLan.create(lab);
        LeaseLedgerServer server = net.leaseLedger("commit", databases(lab, net.serverNs()), SUBNET);
        ChildProcess load = net.perfdhcp("perfdhcp-load", "-r", "3000", "-R", "50000", "-p", "30");
        server.process().awaitLine(Pattern.compile("decided=[1-9]|LeaseLedger serving"), Duration.ofSeconds(30));
        RelayedLoadLan.pause(Duration.ofSeconds(3)); // three seconds of load: the mailbox is never empty when the signal comes

        server.process().terminate(Duration.ofSeconds(60));
        load.close();

        String log = server.process().log();
        assertThat(log).as("the server under load when it was stopped").contains("DHCP transport closed (received=");
        assertThat(log).doesNotContain("DECISION_FAILED").doesNotContain("failed, no reply");
        Matcher stats = STOPPED_STATS.matcher(log);
        assertThat(stats.find()).as("the group commit's closing line in:%n%s", server.process().logTail()).isTrue();
        long accepted = Long.parseLong(stats.group(1));
        long decided = Long.parseLong(stats.group(2));
        long failed = Long.parseLong(stats.group(3));
        long stale = Long.parseLong(stats.group(4));
        assertThat(failed).as("messages whose batch failed").isZero();
        // The server stopped reading first and let its mailboxes drain: every request they had
        // accepted was decided (or dropped as stale, counted) before the channels closed...
        assertThat(decided + stale).as("decided (%d) and stale (%d) of %d accepted", decided, stale, accepted)
                .isEqualTo(accepted);
        // ...and the replies of those decisions left before the channels closed.
        Matcher sends = SEND_FAILURES.matcher(log);
        assertThat(sends.find()).isTrue();
        assertThat(sends.group(1)).as("replies that could not be sent").isEqualTo("0");
    }
}
