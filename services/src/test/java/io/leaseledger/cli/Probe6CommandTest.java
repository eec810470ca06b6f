package io.leaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class Probe6CommandTest {

    @Test
    void readsABracketedAddressWithAPortOrABareAddressForPort547() {
        assertThat(Probe6Command.parseServer("[::1]:6547")).isEqualTo(new InetSocketAddress(Ipv6Prefix.address("::1"), 6547));
        assertThat(Probe6Command.parseServer("[2001:2::1]")).isEqualTo(new InetSocketAddress(Ipv6Prefix.address("2001:2::1"), 547));
        assertThat(Probe6Command.parseServer("2001:2::1")).isEqualTo(new InetSocketAddress(Ipv6Prefix.address("2001:2::1"), 547));
        assertThatThrownBy(() -> Probe6Command.parseServer("[::1]6547")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Probe6Command.parseServer("127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
