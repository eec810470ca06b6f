package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.ClearDiscoveries;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.ReportDeviceSeen;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.MacAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A device heard on the subnet's link (network discovery) is recorded while the subnet is served,
 * in the pool or outside it, managed or not, and changes nothing the subnet decides: an address in
 * use is the in-use rule's business, not discovery's.
 */
class DeviceSeenTest {
    private static final MacAddress DEVICE = MacAddress.parse("52:54:00:00:09:99");

    private static ReportDeviceSeen heard(String address, Instant at) {
        return new ReportDeviceSeen(SUBNET, "eth1", ip(address), DEVICE, null, at);
    }

    private static DeviceSeen seen(String address, Instant at) {
        return new DeviceSeen(SUBNET, "eth1", ip(address), DEVICE, null, at);
    }

    @Test
    void aServedSubnetRecordsADeviceOutsideItsPool() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(heard("198.18.0.2", T0))
                .expectEvents(seen("198.18.0.2", T0))
                .expectResultMessagePayload(true);
    }

    @Test
    void anUnmanagedSubnetRecordsItToo() {
        fixture().given(defined(SETTINGS.withManaged(false)))
                .when(heard("198.18.0.15", T0))
                .expectEvents(seen("198.18.0.15", T0))
                .expectResultMessagePayload(true);
    }

    @Test
    void theNameADeviceAnnouncedIsRecordedWithIt() {
        var named = Hostname.of("bmc7");
        fixture().given(defined())
                .when(new ReportDeviceSeen(SUBNET, "eth1", ip("198.18.0.2"), DEVICE, named, T0))
                .expectEvents(new DeviceSeen(SUBNET, "eth1", ip("198.18.0.2"), DEVICE, named, T0))
                .expectResultMessagePayload(true);
    }

    @Test
    void aRemovedSubnetRecordsNothing() {
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(heard("198.18.0.2", t(2)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aClearOfTheListIsRecordedWhateverItNames() {
        fixture().given(defined(), seen("198.18.0.2", T0))
                .when(new ClearDiscoveries(SUBNET, DEVICE, null, t(1)))
                .expectEvents(new DiscoveriesCleared(SUBNET, DEVICE, null, t(1)))
                .expectResultMessagePayload(true);
        fixture().given(defined())
                .when(new ClearDiscoveries(SUBNET, null, ip("198.18.0.2"), t(1)))
                .expectEvents(new DiscoveriesCleared(SUBNET, null, ip("198.18.0.2"), t(1)));
    }

    @Test
    void aClearNamingAnAddressOffTheSubnetIsRefusedAndARemovedSubnetRecordsNone() {
        fixture().given(defined())
                .when(new ClearDiscoveries(SUBNET, null, ip("198.19.0.2"), t(1)))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(new ClearDiscoveries(SUBNET, null, null, t(2)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void whatAClearNamesIsWhatItClears() {
        var other = MacAddress.parse("52:54:00:00:09:98");
        var byMac = new DiscoveriesCleared(SUBNET, DEVICE, null, T0);
        var byAddress = new DiscoveriesCleared(SUBNET, null, ip("198.18.0.2"), T0);
        var both = new DiscoveriesCleared(SUBNET, DEVICE, ip("198.18.0.2"), T0);
        var all = new DiscoveriesCleared(SUBNET, null, null, T0);
        org.assertj.core.api.Assertions.assertThat(List.of(byMac.clears(ip("198.18.0.3"), DEVICE), byMac.clears(ip("198.18.0.3"), other),
                        byAddress.clears(ip("198.18.0.2"), other), byAddress.clears(ip("198.18.0.3"), DEVICE),
                        both.clears(ip("198.18.0.2"), DEVICE), both.clears(ip("198.18.0.2"), other), all.clears(ip("198.18.0.9"), other)))
                .containsExactly(true, false, true, false, true, false, true);
    }

    @Test
    void aDeviceSeenInThePoolDoesNotKeepItsAddressFromAClient() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"), seen("198.18.0.10", T0))
                .when(decide(t(1), discover(ALICE)))
                .expectEvents(offered("198.18.0.10", ALICE, t(1)))
                .expectResultMessagePayload(List.of(offer("198.18.0.10")));
    }
}
