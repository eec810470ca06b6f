package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.subnet.ReportForeignDhcpServer;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.AxonStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other DHCP servers a node heard are in its event log ({@code ForeignDhcpServerObserved}); a
 * restart lists them again from there, so that neither the list nor the alert on it
 * ({@code leaseledger_foreign_dhcp_servers}) starts empty.
 */
class ForeignDhcpServersAfterRestartTest {
    @TempDir
    Path dir;

    @Test
    void aServerRecordedBeforeARestartIsListedAfterIt() throws Exception {
        try (NodeDatabases databases = NodeDatabases.h2()) {
            String file = ApiNode.yaml(dir, databases);
            Instant heard = Instant.now().minus(Duration.ofMinutes(20));
            try (ApiNode api = ApiNode.start(file, Clock.systemUTC())) {
                boolean recorded = api.node.context().getBean(AxonStore.class).commandGateway().sendAndWait(
                        new ReportForeignDhcpServer(SubnetId.parse("198.18.0.0/24"), "eth1", Ipv4Address.parse("198.18.0.250"),
                                Ipv4Address.parse("198.18.0.250"), MacAddress.parse("02:dd:00:00:00:01"), "DHCPOFFER",
                                MacAddress.parse("52:54:00:aa:bb:cc"), Ipv4Address.parse("198.18.0.77"), heard));
                assertThat(recorded).isTrue();
            }

            try (ApiNode api = ApiNode.start(file, Clock.systemUTC())) {
                JsonNode servers = api.get("/api/v1/foreign-dhcp-servers", api.readOnly).json().get("servers");
                assertThat(servers).hasSize(1);
                JsonNode rogue = servers.get(0);
                assertThat(rogue.get("server").asText()).isEqualTo("198.18.0.250");
                assertThat(rogue.get("iface").asText()).isEqualTo("eth1");
                assertThat(rogue.get("sourceMac").asText()).isEqualTo("02:dd:00:00:00:01");
                assertThat(rogue.get("lastOffered").asText()).isEqualTo("198.18.0.77");
                assertThat(rogue.get("replies").asLong()).as("none heard since this start").isZero();
                assertThat(Instant.parse(rogue.get("lastHeard").asText())).isEqualTo(heard);
            }
        }
    }
}
