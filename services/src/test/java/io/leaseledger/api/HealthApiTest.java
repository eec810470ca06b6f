package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health} tells a node whose store refuses commits from a healthy one: 503 FAILING,
 * naming the subnet and why, from its first failed batch until a batch of that subnet commits
 * again; then 200 UP. The store is made to refuse by a trigger on its event table (a full disk
 * does the same to every insert, DiskFullIT); the batches are relayed DORAs over loopback. A node
 * whose projections refuse writes (a trigger on their transaction log) is 200 DEGRADED instead.
 */
class HealthApiTest extends RunningApi {
    /** Fails every insert into a table it is on while that table is in {@link #REFUSING}. */
    public static final class RefuseInserts implements Trigger {
        static final Set<String> REFUSING = ConcurrentHashMap.newKeySet();
        private String table;

        @Override
        public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
            this.table = table.toLowerCase(Locale.ROOT);
        }

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            if (REFUSING.contains(table)) {
                throw new SQLException("the test's database refuses this insert into " + table);
            }
        }

        static String createOn(String table) {
            return "CREATE TRIGGER IF NOT EXISTS health_test_refuse_" + table + " BEFORE INSERT ON " + table
                    + " FOR EACH ROW CALL \"" + RefuseInserts.class.getName() + "\"";
        }
    }

    /** A relayed DORA through the node's real packet path (loopback), for a client numbered {@code client}. */
    private Optional<Dhcp4Message> dora(int client, Duration timeout) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(new byte[] {0x52, 0x54, 0, 0, 7, (byte) client}, Ipv4Address.parse("198.18.0.1"),
                        timeout, false, null))) {
            return probe.run();
        }
    }

    @AfterEach
    void storeTakesCommitsAgain() {
        RefuseInserts.REFUSING.clear();
    }

    /** /health as soon as its status is {@code status} (the projections' tail retries on its own schedule), at most 10 s. */
    private ApiNode.Reply awaitHealth(String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ApiNode.Reply health = api.get("/health", null);
        while (!health.json().get("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            health = api.get("/health", null);
        }
        return health;
    }

    @Test
    void projectionsThatCannotWriteLeaveTheNodeServingButDegraded() throws Exception {
        ApiNode.Reply before = api.get("/health", null);
        assertThat(before.json().get("projections").get("status").asText()).isEqualTo("FOLLOWING");
        api.node.context().getBean(ReadSide.class).dsl().execute(RefuseInserts.createOn("transaction_log"));

        RefuseInserts.REFUSING.add("transaction_log");
        assertThat(dora(3, Duration.ofSeconds(5))).as("DHCP does not wait for the read side")
                .hasValueSatisfying(ack -> assertThat(ack.messageType()).isEqualTo(MessageType.ACK));

        ApiNode.Reply degraded = awaitHealth("DEGRADED");
        assertThat(degraded.status()).as(degraded.body()).isEqualTo(200);
        assertThat(degraded.json().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.json().get("failing")).isEmpty();
        JsonNode projections = degraded.json().get("projections");
        assertThat(projections.get("status").asText()).isEqualTo("FAILING");
        assertThat(projections.get("failingForSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(projections.get("cause").asText()).contains("refuses this insert into transaction_log");
        assertThat(metric(api.get("/metrics", null).body(), "leaseledger_projections_failing_seconds"))
                .as("the gauge operators alert on").isPositive();

        RefuseInserts.REFUSING.remove("transaction_log");
        ApiNode.Reply up = awaitHealth("UP");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("status").asText()).as(up.body()).isEqualTo("UP");
        assertThat(up.json().get("projections").get("status").asText()).isEqualTo("FOLLOWING");
        assertThat(metric(api.get("/metrics", null).body(), "leaseledger_projections_failing_seconds")).isZero();
    }

    /** The value of the unlabelled sample {@code name} in a Prometheus text page. */
    static double metric(String page, String name) {
        return page.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
    }

    @Test
    void aSubnetWhoseCommitsFailMakesTheNodeFailingUntilOneCommitsAgain() throws Exception {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        try (Connection c = api.node.context().getBean(AxonStore.class).dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute(RefuseInserts.createOn("domainevententry"));
        }

        RefuseInserts.REFUSING.add("domainevententry");
        assertThat(dora(1, Duration.ofSeconds(1))).as("a client of a subnet that cannot commit").isEmpty();

        ApiNode.Reply failing = api.get("/health", null);
        assertThat(failing.status()).as(failing.body()).isEqualTo(503);
        assertThat(failing.json().get("status").asText()).isEqualTo("FAILING");
        JsonNode subnet = failing.json().get("failing").get(0);
        assertThat(subnet.get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(subnet.get("failingForSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(subnet.get("cause").asText()).contains("refuses this insert into domainevententry");

        RefuseInserts.REFUSING.remove("domainevententry");
        assertThat(dora(2, Duration.ofSeconds(5))).hasValueSatisfying(ack -> assertThat(ack.messageType()).isEqualTo(MessageType.ACK));
        ApiNode.Reply up = api.get("/health", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("status").asText()).isEqualTo("UP");
        assertThat(up.json().get("failing")).isEmpty();
    }
}
