package io.leaseledger.events.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @Property
    void formattingThenParsingGivesTheSameAddress(@ForAll int value) {
        var address = Ipv4Address.of(value);
        assertThat(Ipv4Address.parse(address.toString())).isEqualTo(address);
        assertThat(Ipv4Address.of(address.toBytes())).isEqualTo(address);
    }

    @Test
    void dottedQuadIsMostSignificantOctetFirst() {
        var address = Ipv4Address.parse("198.18.3.7");
        assertThat(address.value()).isEqualTo(198 << 24 | 18 << 16 | 3 << 8 | 7);
        assertThat(address.toBytes()).containsExactly((byte) 198, 18, 3, 7);
        assertThat(address).hasToString("198.18.3.7");
    }

    @Test
    void addressesAboveTheSignBitSortAfterLowerOnes() {
        assertThat(Ipv4Address.parse("200.0.0.1")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
        assertThat(Ipv4Address.parse("198.18.0.10")).isGreaterThan(Ipv4Address.parse("198.18.0.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", "-1.2.3.4"})
    void malformedTextIsRefusedWithTheTextInTheMessage(String text) {
        assertThatThrownBy(() -> Ipv4Address.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void octetsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> Ipv4Address.of(1, 2, 3, 256)).hasMessageContaining("256");
        assertThatThrownBy(() -> Ipv4Address.of(new byte[3])).hasMessageContaining("4 bytes");
    }

    @Property
    void theCodecsPlainIntsConvertBothWays(@ForAll int value) throws Exception {
        Ipv4Address address = Ipv4Address.of(value);
        assertThat(Ipv4Address.format(value)).isEqualTo(address.toString());
        assertThat(Ipv4Address.parseBits(address.toString())).isEqualTo(value);
        assertThat(address.toInetAddress().getAddress()).isEqualTo(address.toBytes());
        assertThat(Ipv4Address.of(java.net.InetAddress.getByAddress(address.toBytes()))).isEqualTo(address);
    }

    @Test
    void anIpv6InetAddressIsRefused() throws Exception {
        assertThatThrownBy(() -> Ipv4Address.of(java.net.InetAddress.getByName("::1"))).hasMessageContaining("not an IPv4");
    }
}
