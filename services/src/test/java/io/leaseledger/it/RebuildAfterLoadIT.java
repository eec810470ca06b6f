package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.CommandResult;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.RelayedLoadLan;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.ServerDatabases;
import io.leaseledger.projections.Decision;
import io.leaseledger.projections.query.LogFilter;
import io.leaseledger.projections.query.PageRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a perfdhcp load (DORAs, renewals and releases of real packets through the server), the
 * tables the server's live tail built and the tables {@code projections rebuild} builds from
 * the same event store are identical, row for row. The rebuild is the real command, run as an
 * operator runs it once the server has stopped. Here the event store and projections are H2
 * files; {@link RebuildAfterLoadOnPostgresIT} runs the same with both in PostgreSQL.
 */
@Tag("netns")
@Timeout(300)
class RebuildAfterLoadIT {
    private static final ServedSubnet SUBNET = RelayedLoadLan.subnet("198.18.1.0", "198.18.200.255");
    private static final Duration COMMAND = Duration.ofSeconds(120);

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
    void aRebuildAfterAPerfdhcpLoadGivesTheTablesTheLiveTailBuilt() {
        RelayedLoadLan net = RelayedLoadLan.create(lab);
        LeaseLedgerServer server = net.leaseLedger("commit", databases(lab, net.serverNs()), SUBNET);
        // 600 exchanges a second for 8 s, of which 100 renewals and 100 releases of leases it holds.
        ChildProcess load = net.perfdhcp("perfdhcp-load", "-r", "600", "-f", "100", "-F", "100", "-R", "20000", "-p", "8");
        assertThat(load.awaitExit(Duration.ofSeconds(60))).as("perfdhcp's exit, log:%n%s", load.logTail()).isPresent();
        RelayedLoadLan.pause(Duration.ofSeconds(2)); // the tail follows within a poll interval (200 ms)
        server.process().terminate(Duration.ofSeconds(60));
        assertThat(server.process().log()).doesNotContain("projections: batch failed");

        Map<String, Map<String, List<List<Object>>>> live;
        try (StoppedServerStores opened = StoppedServerStores.of(server)) {
            // What the next start's tail would apply first; the server's tail had it all but a poll's worth.
            long behind = opened.readSide().tail().catchUp();
            live = opened.contents();
            assertThat(behind).as("events the live tail had not applied when the server stopped")
                    .isLessThan(live.get("log").get("transaction_log").size() / 10 + 1);
            var queries = opened.readSide().queries();
            for (Decision d : List.of(Decision.GRANT, Decision.RELEASE)) {
                assertThat(queries.transactionLog(LogFilter.any().withDecision(d), PageRequest.first(1)).items())
                        .as("%s decisions in the log after the load", d).isNotEmpty();
            }
            assertThat(live.get("log").get("transaction_log")).hasSizeGreaterThan(2_000);
            assertThat(live.get("history").get("address_interval")).hasSizeGreaterThan(500);
            assertThat(live.get("leases").get("current_lease")).hasSizeGreaterThan(500);
        }

        CommandResult rebuild = net.serverNs().exec(COMMAND, List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.leaseledger.LeaseLedger",
                "projections", "rebuild", "--config", server.config().toString()));
        assertThat(rebuild.succeeded()).as(rebuild.describe()).isTrue();
        var done = Pattern.compile("rebuilt leases, history, log from [\\d,]+ events.*").matcher(rebuild.stdout());
        assertThat(done.find()).as(rebuild.describe()).isTrue();
        System.out.println("projections rebuild after the load: " + done.group());

        try (StoppedServerStores opened = StoppedServerStores.of(server)) {
            Map<String, Map<String, List<List<Object>>>> rebuilt = opened.contents();
            assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
            rebuilt.forEach((projection, tables) -> tables.forEach((table, rows) ->
                    assertSameRows(projection + "." + table, rows, live.get(projection).get(table))));
            assertThat(opened.readSide().tail().catchUp()).as("events applied again after the rebuild").isZero();
        }
    }

    /** Row by row, naming the first that differs (a table holds thousands: a whole-list diff says nothing). */
    private static void assertSameRows(String table, List<List<Object>> rebuilt, List<List<Object>> live) {
        for (int i = 0; i < Math.min(rebuilt.size(), live.size()); i++) {
            assertThat(rebuilt.get(i)).as("%s, row %d in order (%d rows rebuilt, %d live)", table, i, rebuilt.size(), live.size())
                    .isEqualTo(live.get(i));
        }
        assertThat(rebuilt.size()).as("%s: rows rebuilt, against live", table).isEqualTo(live.size());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
