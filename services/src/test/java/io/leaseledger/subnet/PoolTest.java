package io.leaseledger.subnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolTest {

    private final Pool pool = new Pool(List.of(AddressRange.parse("198.18.2.1-198.18.2.3"),
            AddressRange.parse("198.18.1.250-198.18.2.0")));

    @Test
    void rangesAreLaidEndToEndInAddressOrder() {
        assertThat(pool.size()).isEqualTo(10);
        assertThat(pool.addressAt(0)).isEqualTo(Ipv4Address.parse("198.18.1.250"));
        assertThat(pool.addressAt(6)).isEqualTo(Ipv4Address.parse("198.18.2.0"));
        assertThat(pool.addressAt(7)).isEqualTo(Ipv4Address.parse("198.18.2.1"));
        assertThat(pool.addressAt(9)).isEqualTo(Ipv4Address.parse("198.18.2.3"));
    }

    @Test
    void indexOfIsTheInverseOfAddressAt() {
        for (int i = 0; i < pool.size(); i++) {
            assertThat(pool.indexOf(pool.addressAt(i))).isEqualTo(i);
        }
    }

    @Test
    void addressesOutsideEveryRangeHaveNoIndex() {
        assertThat(pool.indexOf(Ipv4Address.parse("198.18.1.249"))).isEqualTo(-1);
        assertThat(pool.indexOf(Ipv4Address.parse("198.18.2.4"))).isEqualTo(-1);
        assertThat(pool.indexOf(Ipv4Address.parse("240.0.0.1"))).isEqualTo(-1);
        assertThat(new Pool(List.of()).indexOf(Ipv4Address.parse("198.18.2.1"))).isEqualTo(-1);
        assertThatThrownBy(() -> pool.addressAt(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void poolsLargerThanASlashEightAreRefused() {
        assertThatThrownBy(() -> new Pool(List.of(AddressRange.parse("10.0.0.0-11.0.0.0"))))
                .hasMessageContaining("more than");
    }

    @Test
    void aSlashSixteenPoolMapsItsLastAddress() {
        var big = new Pool(List.of(AddressRange.parse("198.18.0.1-198.18.255.254")));
        assertThat(big.size()).isEqualTo(65534);
        assertThat(big.indexOf(Ipv4Address.parse("198.18.255.254"))).isEqualTo(65533);
    }
}
