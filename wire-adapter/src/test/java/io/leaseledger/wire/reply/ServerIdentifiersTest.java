package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerIdentifiersTest {

    private static final Ipv4Address OURS = Ipv4Address.parse("198.18.0.1");
    private static final Ipv4Address RELAY = Ipv4Address.parse("198.18.1.1");

    private static Dhcp4Message relayed(boolean withOverride, int giaddr) {
        RelayAgentInformation info = withOverride
                ? RelayAgentInformation.of(RelayAgentInformation.circuitId(new byte[] {1}), RelayAgentInformation.serverIdOverride(RELAY))
                : RelayAgentInformation.of(RelayAgentInformation.circuitId(new byte[] {1}));
        return Requests.client(MessageType.REQUEST).giaddr(giaddr).put(OptionCatalog.RELAY_AGENT_INFORMATION, info).build();
    }

    @Test
    void aRelayThatAsksForTheOverrideGetsItsAddressAsServerIdentifier() {
        assertThat(ServerIdentifiers.forRequest(relayed(true, RELAY.value()), OURS)).hasToString("198.18.1.1");
    }

    @Test
    void withoutTheOverrideTheServerIdentifierIsOurs() {
        assertThat(ServerIdentifiers.forRequest(relayed(false, RELAY.value()), OURS)).isEqualTo(OURS);
    }

    @Test
    void anOverrideInARequestThatNoRelayForwardedIsIgnored() {
        assertThat(ServerIdentifiers.forRequest(relayed(true, 0), OURS)).isEqualTo(OURS);
    }
}
