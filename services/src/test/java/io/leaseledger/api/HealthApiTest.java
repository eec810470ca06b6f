package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
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
 * does the same to every insert, DiskFullIT); the batches are relayed DORAs over loopback.
 */
class HealthApiTest extends RunningApi {
    /** Fails every insert into the event table while {@link #refusing} is set. */
    public static final class RefuseInserts implements Trigger {
        static volatile boolean refusing;

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            if (refusing) {
                throw new SQLException("the test's store refuses this insert");
            }
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
        RefuseInserts.refusing = false;
    }

    @Test
    void aSubnetWhoseCommitsFailMakesTheNodeFailingUntilOneCommitsAgain() throws Exception {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        try (Connection c = api.node.context().getBean(AxonStore.class).dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER IF NOT EXISTS health_test_refuse BEFORE INSERT ON domainevententry FOR EACH ROW CALL \""
                    + RefuseInserts.class.getName() + "\"");
        }

        RefuseInserts.refusing = true;
        assertThat(dora(1, Duration.ofSeconds(1))).as("a client of a subnet that cannot commit").isEmpty();

        ApiNode.Reply failing = api.get("/health", null);
        assertThat(failing.status()).as(failing.body()).isEqualTo(503);
        assertThat(failing.json().get("status").asText()).isEqualTo("FAILING");
        JsonNode subnet = failing.json().get("failing").get(0);
        assertThat(subnet.get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(subnet.get("failingForSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(subnet.get("cause").asText()).contains("the test's store refuses this insert");

        RefuseInserts.refusing = false;
        assertThat(dora(2, Duration.ofSeconds(5))).hasValueSatisfying(ack -> assertThat(ack.messageType()).isEqualTo(MessageType.ACK));
        ApiNode.Reply up = api.get("/health", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("status").asText()).isEqualTo("UP");
        assertThat(up.json().get("failing")).isEmpty();
    }
}
