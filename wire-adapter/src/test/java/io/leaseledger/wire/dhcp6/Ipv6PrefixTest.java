package io.leaseledger.wire.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6PrefixTest {

    @Test
    void containsTheAddressesOfItsNetworkOnly() {
        var prefix = Ipv6Prefix.parse("2001:2:0:1::/64");

        assertThat(prefix.contains(Ipv6Prefix.address("2001:2:0:1:ffff::7"))).isTrue();
        assertThat(prefix.contains(Ipv6Prefix.address("2001:2:0:2::7"))).isFalse();
        assertThat(Ipv6Prefix.parse("2001:2::/47").contains(Ipv6Prefix.address("2001:2:1:ffff::1"))).isTrue();
        assertThat(Ipv6Prefix.parse("2001:2::/47").contains(Ipv6Prefix.address("2001:2:2::1"))).isFalse();
        assertThat(Ipv6Prefix.parse("::/0").contains(Ipv6Prefix.address("fe80::1"))).isTrue();
    }

    @Test
    void refusesHostBitsNamingTheNetwork() {
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:2:0:1::5/64"))
                .hasMessageContaining("the network is 2001:2:0:1::/64");
    }

    @Test
    void refusesWhatIsNotAnIpv6Prefix() {
        assertThatThrownBy(() -> Ipv6Prefix.parse("198.18.0.0/15")).hasMessageContaining("not an IPv6 address");
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:2::")).hasMessageContaining("address/length");
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:2::/129")).hasMessageContaining("0..128");
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:2::/x")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Ipv6Prefix.address("::ffff:198.18.0.1")).hasMessageContaining("IPv4-mapped");
        assertThatThrownBy(() -> Ipv6Prefix.address("fe80::1%eth0")).hasMessageContaining("literal");
    }

    @Test
    void writesAddressesAsRfc5952Says() {
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("2001:0002:0000:0001:0000:0000:0000:0000"))).isEqualTo("2001:2:0:1::");
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("::"))).isEqualTo("::");
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("::1"))).isEqualTo("::1");
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6Prefix.text(Ipv6Prefix.address("fe80::2:ff:fe00:7"))).isEqualTo("fe80::2:ff:fe00:7");
        assertThat(Ipv6Prefix.parse("2001:2:0:1::/64")).hasToString("2001:2:0:1::/64");
    }
}
