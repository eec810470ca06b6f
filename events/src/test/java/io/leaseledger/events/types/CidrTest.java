package io.leaseledger.events.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void a16HasNetworkBroadcastAndHostsBetween() {
        var cidr = Cidr.parse("198.18.0.0/16");
        assertThat(cidr.size()).isEqualTo(65536);
        assertThat(cidr.netmask()).hasToString("255.255.0.0");
        assertThat(cidr.broadcast()).hasToString("198.18.255.255");
        assertThat(cidr.firstHost()).hasToString("198.18.0.1");
        assertThat(cidr.lastHost()).hasToString("198.18.255.254");
        assertThat(cidr.contains(Ipv4Address.parse("198.18.200.1"))).isTrue();
        assertThat(cidr.contains(Ipv4Address.parse("198.19.0.1"))).isFalse();
        assertThat(cidr.isHostAddress(Ipv4Address.parse("198.18.0.0"))).isFalse();
        assertThat(cidr.isHostAddress(Ipv4Address.parse("198.18.255.255"))).isFalse();
    }

    @Test
    void pointToPointPrefixesUseEveryAddress() {
        var p31 = Cidr.parse("198.18.0.4/31");
        assertThat(p31.firstHost()).hasToString("198.18.0.4");
        assertThat(p31.lastHost()).hasToString("198.18.0.5");
        var p32 = Cidr.parse("198.18.0.9/32");
        assertThat(p32.firstHost()).isEqualTo(p32.lastHost());
    }

    @Test
    void hostBitsAreRefusedNamingTheRealNetwork() {
        assertThatThrownBy(() -> Cidr.parse("198.18.0.1/16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("198.18.0.0/16");
    }

    @Test
    void prefixMustBePresentAndInRange() {
        assertThatThrownBy(() -> Cidr.parse("198.18.0.0")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Cidr.parse("198.18.0.0/33")).hasMessageContaining("33");
        assertThatThrownBy(() -> Cidr.parse("198.18.0.0/016")).hasMessageContaining("016");
    }

    @Test
    void subnetIdIsTheCanonicalCidr() {
        assertThat(SubnetId.of(Cidr.parse("198.18.0.0/16"))).hasToString("198.18.0.0/16");
        assertThat(new SubnetId("198.18.0.0/16").cidr()).isEqualTo(Cidr.parse("198.18.0.0/16"));
        assertThatThrownBy(() -> new SubnetId("198.18.0.1/16")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesMustBeOrderedAndKnowWhetherTheyFitTheSubnet() {
        var cidr = Cidr.parse("198.18.0.0/24");
        var range = AddressRange.parse("198.18.0.10-198.18.0.20");
        assertThat(range.size()).isEqualTo(11);
        assertThat(range.within(cidr)).isTrue();
        assertThat(AddressRange.parse("198.18.0.0-198.18.0.5").within(cidr)).isFalse();
        assertThat(range.overlaps(AddressRange.parse("198.18.0.20-198.18.0.30"))).isTrue();
        assertThat(range.overlaps(AddressRange.parse("198.18.0.21-198.18.0.30"))).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("198.18.0.20-198.18.0.10")).hasMessageContaining("after");
    }
}
