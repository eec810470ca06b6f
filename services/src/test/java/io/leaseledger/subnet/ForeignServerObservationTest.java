package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.subnet.ReportForeignDhcpServer;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.types.MacAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Another DHCP server heard on the subnet's link is recorded while the subnet is served, and
 * changes nothing the subnet decides.
 */
class ForeignServerObservationTest {
    private static final MacAddress ROGUE = MacAddress.parse("02:dd:00:00:00:01");

    private static ReportForeignDhcpServer heard(Instant at) {
        return new ReportForeignDhcpServer(SUBNET, "eth1", ip("192.168.1.1"), ip("192.168.1.1"), ROGUE, "DHCPOFFER",
                ALICE.chaddr(), ip("192.168.1.50"), at);
    }

    private static ForeignDhcpServerObserved observed(Instant at) {
        return new ForeignDhcpServerObserved(SUBNET, "eth1", ip("192.168.1.1"), ip("192.168.1.1"), ROGUE, "DHCPOFFER",
                ALICE.chaddr(), ip("192.168.1.50"), at);
    }

    @Test
    void aServedSubnetRecordsWhatItIsTold() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(heard(T0))
                .expectEvents(observed(T0))
                .expectResultMessagePayload(true);
    }

    @Test
    void aRemovedSubnetRecordsNothing() {
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(heard(t(2)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void theSightingChangesNoAllocation() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed(T0))
                .when(decide(t(1), discover(ALICE)))
                .expectEvents(offered("198.18.0.10", ALICE, t(1)))
                .expectResultMessagePayload(List.of(offer("198.18.0.10")));
    }
}
