package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.arp.ActiveMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which links an active mapping scan asks, read from the served subnets and the interfaces' own addresses. */
class ActiveMappingTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static void define(SettingsView view, String cidr, boolean managed) {
        Cidr c = Cidr.parse(cidr);
        view.on(new SubnetDefined(SubnetId.of(c), c, SubnetSettings.defaults().withManaged(managed), T0));
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void eachServedSubnetOnAHeardLinkIsScannedFromTheLinksOwnAddressOnce() {
        SettingsView view = new SettingsView();
        define(view, "198.18.1.0/24", true);
        define(view, "198.18.2.0/26", false);        // unmanaged: scanned too (discovery is for every subnet)
        define(view, "198.18.3.0/24", true);         // served through relays only: no link of this node
        define(view, "198.18.32.0/19", true);        // too large
        define(view, "198.18.4.0/24", true);
        view.on(new SubnetRemoved(SubnetId.of(Cidr.parse("198.18.4.0/24")), T0)); // removed: not served
        Map<String, List<Ipv4Address>> links = Map.of(
                "eth1", List.of(ip("10.0.0.5"), ip("198.18.1.1"), ip("198.18.2.1")),
                "eth2", List.of(ip("198.18.1.2"), ip("198.18.32.1"), ip("198.18.4.1")));
        ActiveMapping mapping = new ActiveMapping(List.of("eth1", "eth2", "eth3"), view,
                iface -> links.getOrDefault(iface, List.of()));

        assertThat(mapping.get()).containsExactly(
                new ActiveMapper.Scan("eth1", ip("198.18.1.1"), ip("198.18.1.1"), ip("198.18.1.254")),
                new ActiveMapper.Scan("eth1", ip("198.18.2.1"), ip("198.18.2.1"), ip("198.18.2.62")));
        assertThat(mapping.get()).as("read again at each scan").hasSize(2);
    }

    @Test
    void aSubnetDefinedLaterIsScannedFromTheNextScanOn() {
        SettingsView view = new SettingsView();
        ActiveMapping mapping = new ActiveMapping(List.of("eth1"), view, iface -> List.of(ip("198.18.5.9")));
        assertThat(mapping.get()).isEmpty();
        define(view, "198.18.5.0/28", true);
        assertThat(mapping.get()).containsExactly(
                new ActiveMapper.Scan("eth1", ip("198.18.5.9"), ip("198.18.5.1"), ip("198.18.5.14")));
    }
}
