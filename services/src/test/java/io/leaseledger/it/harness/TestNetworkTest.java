package io.leaseledger.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness refuses, before anything is created, addresses outside the test range. */
class TestNetworkTest {
    @Test
    void acceptsBothHalvesOfTheBenchmarkingRange() {
        TestNetwork.requireTestAddress("198.18.0.1");
        TestNetwork.requireTestAddress("198.19.255.254");
        TestNetwork.requireTestCidr("198.18.2.0/24");
    }

    @Test
    void refusesAddressesOutsideIt() {
        for (String outside : new String[] {"198.17.255.255", "198.20.0.0", "10.0.0.1", "127.0.0.1", "192.168.1.1"}) {
            assertThatThrownBy(() -> TestNetwork.requireTestAddress(outside))
                    .as(outside).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("198.18.0.0/15");
        }
        assertThatThrownBy(() -> TestNetwork.requireTestCidr("10.1.0.0/16")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6IsHeldTo2001Colon2Slash48() {
        TestNetwork.requireTestIpv6Cidr("2001:2:0:1::1/64");
        TestNetwork.requireTestIpv6Cidr("2001:2:0:ffff::1/64");
        for (String outside : new String[] {"2001:3::1/64", "2001:db8::1/64", "fd00::1/64", "2001:2:1::1/64", "198.18.0.1/24"}) {
            assertThatThrownBy(() -> TestNetwork.requireTestIpv6Cidr(outside)).as(outside)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSubnetOutsideTheRangeCannotEvenBeDescribed() {
        assertThatThrownBy(() -> new ServedSubnet("10.0.0.0/24", "10.0.0.1", java.util.List.of(), "x", Duration.ofSeconds(60),
                "10.0.0.100", "10.0.0.101", java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallSubnetHasItsPoolFromDot100() {
        ServedSubnet s = ServedSubnet.small(2, 3, Duration.ofSeconds(20));
        assertThat(s.cidr()).isEqualTo("198.18.2.0/24");
        assertThat(s.rangeStart()).isEqualTo("198.18.2.100");
        assertThat(s.rangeEnd()).isEqualTo("198.18.2.102");
        assertThat(s.netmask()).isEqualTo("255.255.255.0");
    }

    @Test
    void interfaceNamesFitTheKernelLimit() {
        String base = Names.unique();
        assertThat(base).startsWith("llt").hasSize(11);
        assertThat(Names.interfaceName(base, "br")).hasSize(13);
        assertThatThrownBy(() -> Names.interfaceName(base, "toolong")).isInstanceOf(IllegalArgumentException.class);
    }
}
