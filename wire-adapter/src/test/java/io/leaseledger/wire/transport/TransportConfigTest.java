package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration refuses everything that would make the server listen where nobody asked it to. */
class TransportConfigTest {

    @Test
    void emptyConfigurationIsAnErrorNotAWildcard() {
        assertThatThrownBy(() -> new TransportConfig(List.of(), List.of(), 67, TransportConfig.Engine.AUTO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one interface or address");
    }

    @Test
    void wildcardAddressIsRefused() {
        assertThatThrownBy(() -> TransportConfig.addresses(new InetSocketAddress("0.0.0.0", 67)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wildcard");
    }

    @Test
    void broadcastAndIpv6AndUnresolvedAddressesAreRefused() {
        assertThatThrownBy(() -> TransportConfig.addresses(new InetSocketAddress("255.255.255.255", 67)))
                .hasMessageContaining("unicast");
        assertThatThrownBy(() -> TransportConfig.addresses(new InetSocketAddress("::1", 67)))
                .hasMessageContaining("IPv4");
        assertThatThrownBy(() -> TransportConfig.addresses(InetSocketAddress.createUnresolved("example.org", 67)))
                .hasMessageContaining("literal IPv4");
    }

    @Test
    void interfaceNamesAreCheckedLikeTheKernelDoes() {
        assertThatThrownBy(() -> TransportConfig.interfaces("a-name-longer-than-15")).hasMessageContaining("1..15");
        assertThatThrownBy(() -> TransportConfig.interfaces("eth0/1")).hasMessageContaining("eth0/1");
        assertThatThrownBy(() -> TransportConfig.interfaces("eth0", "eth0")).hasMessageContaining("twice");
        assertThatThrownBy(() -> TransportConfig.interfaces("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interfacesServeThePortTheyAreGivenDefaulting67() {
        assertThat(TransportConfig.interfaces("eth1").port()).isEqualTo(67);
        assertThat(TransportConfig.interfaces("eth1").withPort(1067).port()).isEqualTo(1067);
        assertThatThrownBy(() -> TransportConfig.interfaces("eth1").withPort(0)).hasMessageContaining("1..65535");
    }

    @Test
    void interfacesAndAddressesCombine() {
        var config = TransportConfig.interfaces("eth1").withAddresses(new InetSocketAddress("198.18.0.1", 67));
        assertThat(config.interfaces()).containsExactly("eth1");
        assertThat(config.addresses()).containsExactly(new InetSocketAddress("198.18.0.1", 67));
    }
}
