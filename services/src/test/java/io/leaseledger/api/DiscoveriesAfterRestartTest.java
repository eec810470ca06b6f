package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.server.DeviceDiscovery;
import io.leaseledger.wire.arp.ArpSighting;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices a node recorded are in its event log ({@code DeviceSeen}); a restart remembers them
 * from there, so a device still on the link is not recorded again within the hour of its last
 * record, and the list (a projection) is as it was.
 */
class DiscoveriesAfterRestartTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceRecordedBeforeARestartIsNotRecordedAgainWithinTheHour() throws Exception {
        ArpSighting stranger = new ArpSighting("eth1", Ipv4Address.parse("198.18.0.7"), MacAddress.parse("52:54:00:00:09:99"));
        try (NodeDatabases databases = NodeDatabases.h2()) {
            String file = ApiNode.yaml(dir, databases);
            try (ApiNode api = ApiNode.start(file, Clock.systemUTC())) {
                api.node.context().getBean(DeviceDiscovery.class).accept(stranger);
                assertThat(listed(api)).hasSize(1);
            }

            try (ApiNode api = ApiNode.start(file, Clock.systemUTC())) {
                DeviceDiscovery discovery = api.node.context().getBean(DeviceDiscovery.class);
                assertThat(discovery.remembered()).isEqualTo(1);
                discovery.accept(stranger);
                assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(1);
                assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isZero();
                JsonNode device = listed(api).get(0);
                assertThat(device.get("address").asText()).isEqualTo("198.18.0.7");
                assertThat(device.get("records").asLong()).isEqualTo(1);
            }
        }
    }

    /** The list once it shows a device (bounded wait: the projection follows the log within its poll interval). */
    private static JsonNode listed(ApiNode api) throws Exception {
        JsonNode items = api.get("/api/v1/discoveries", api.readOnly).json().get("items");
        for (int i = 0; i < 200 && items.isEmpty(); i++) {
            Thread.sleep(50);
            items = api.get("/api/v1/discoveries", api.readOnly).json().get("items");
        }
        return items;
    }
}
