package io.leaseledger.wire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.MessageKind;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientMessagesTest {

    private static final Ipv4Address US = Ipv4Address.parse("198.18.0.1");
    private static final byte[] MAC = {0x52, 0x54, 0, 0x12, 0x34, 0x56};

    private static Dhcp4MessageBuilder request(MessageType type) {
        return Dhcp4Message.builder().xid(0x1234).ethernet(MAC).messageType(type);
    }

    private static ClientMessage forSubnet(Translation t) {
        assertThat(t).isInstanceOf(Translation.ForSubnet.class);
        return ((Translation.ForSubnet) t).message();
    }

    @Test
    void discoverCarriesIdentityXidAndHint() {
        Dhcp4Message m = request(MessageType.DISCOVER)
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.parse("198.18.0.77"))
                .put(OptionCatalog.HOST_NAME, "node-1")
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:00007:UNDI:003016")
                .put(OptionCatalog.CLIENT_IDENTIFIER, new byte[] {1, 0x52, 0x54, 0, 0x12, 0x34, 0x56})
                .build();
        ClientMessage c = forSubnet(ClientMessages.translate(m, Delivery.BROADCAST, US));
        assertThat(c.kind()).isEqualTo(MessageKind.DISCOVER);
        assertThat(c.transactionId().value()).isEqualTo(0x1234);
        assertThat(c.requestedAddress()).isEqualTo(Ipv4Address.parse("198.18.0.77"));
        assertThat(c.client().chaddr().toString()).isEqualToIgnoringCase("52:54:00:12:34:56");
        assertThat(c.client().hostname().value()).isEqualTo("node-1");
        assertThat(c.client().vendorClass()).startsWith("PXEClient");
        assertThat(c.client().clientId()).isNotNull();
        assertThat(c.ourServerId()).isEqualTo(US);
    }

    @Test
    void requestStatesFollowRfc2131() {
        var wireUs = Ipv4Address.parse("198.18.0.1");
        var wireAddr = Ipv4Address.parse("198.18.0.77");
        Dhcp4Message selecting = request(MessageType.REQUEST).put(OptionCatalog.SERVER_IDENTIFIER, wireUs)
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, wireAddr).build();
        Dhcp4Message initReboot = request(MessageType.REQUEST).put(OptionCatalog.REQUESTED_IP_ADDRESS, wireAddr).build();
        Dhcp4Message renewing = request(MessageType.REQUEST).ciaddr(wireAddr).build();
        assertThat(forSubnet(ClientMessages.translate(selecting, Delivery.BROADCAST, US)).requestState())
                .isEqualTo(RequestState.SELECTING);
        assertThat(forSubnet(ClientMessages.translate(initReboot, Delivery.BROADCAST, US)).requestState())
                .isEqualTo(RequestState.INIT_REBOOT);
        assertThat(forSubnet(ClientMessages.translate(renewing, Delivery.UNICAST, US)).requestState())
                .isEqualTo(RequestState.RENEWING);
        assertThat(forSubnet(ClientMessages.translate(renewing, Delivery.BROADCAST, US)).requestState())
                .isEqualTo(RequestState.REBINDING);
    }

    @Test
    void relayAgentInformationBecomesTheRelayOfTheIdentity() {
        Dhcp4Message m = request(MessageType.DISCOVER)
                .giaddr(Ipv4Address.parse("198.18.9.1"))
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                        RelayAgentInformation.circuitId("eth0/1".getBytes(StandardCharsets.US_ASCII)),
                        RelayAgentInformation.linkSelection(Ipv4Address.parse("198.18.10.0"))))
                .build();
        ClientMessage c = forSubnet(ClientMessages.translate(m, Delivery.RELAYED, US));
        assertThat(c.client().relay().giaddr()).isEqualTo(Ipv4Address.parse("198.18.9.1"));
        assertThat(c.client().relay().linkSelection()).isEqualTo(Ipv4Address.parse("198.18.10.0"));
        assertThat(new String(c.client().relay().circuitId().bytes(), StandardCharsets.US_ASCII)).isEqualTo("eth0/1");
    }

    @Test
    void anInvalidOptionalFieldIsLeftOutNotFatal() {
        Dhcp4Message m = request(MessageType.DISCOVER).putOption(12, new byte[] {'a', 0x07, 'b'}).build();
        ClientMessage c = forSubnet(ClientMessages.translate(m, Delivery.BROADCAST, US));
        assertThat(c.client().hostname()).isNull();
    }

    @Test
    void informRepliesAndServerMessagesAreNotForTheSubnet() {
        assertThat(ClientMessages.translate(request(MessageType.INFORM).build(), Delivery.UNICAST, US))
                .isInstanceOf(Translation.Inform.class);
        assertThat(ClientMessages.translate(request(MessageType.OFFER).build(), Delivery.BROADCAST, US))
                .isEqualTo(new Translation.Ignored(Translation.IgnoredReason.NOT_A_CLIENT_MESSAGE, "DHCPOFFER"));
        Dhcp4Message reply = request(MessageType.ACK).op(Dhcp4Message.BOOTREPLY).build();
        assertThat(ClientMessages.translate(reply, Delivery.BROADCAST, US))
                .isInstanceOf(Translation.Ignored.class)
                .extracting(t -> ((Translation.Ignored) t).reason()).isEqualTo(Translation.IgnoredReason.NOT_A_REQUEST);
        Dhcp4Message declineWithoutAddress = request(MessageType.DECLINE).build();
        assertThat(ClientMessages.translate(declineWithoutAddress, Delivery.BROADCAST, US))
                .extracting(t -> ((Translation.Ignored) t).reason()).isEqualTo(Translation.IgnoredReason.MALFORMED_REQUEST);
    }

    @Test
    void deliveryComesFromGiaddrAndTheDestinationAddress() throws Exception {
        Dhcp4Message direct = request(MessageType.REQUEST).build();
        Dhcp4Message relayed = request(MessageType.REQUEST).giaddr(Ipv4Address.parse("198.18.9.1")).build();
        assertThat(ClientMessages.delivery(direct, InetAddress.getByName("255.255.255.255"))).isEqualTo(Delivery.BROADCAST);
        assertThat(ClientMessages.delivery(direct, InetAddress.getByName("198.18.0.1"))).isEqualTo(Delivery.UNICAST);
        assertThat(ClientMessages.delivery(relayed, InetAddress.getByName("198.18.0.1"))).isEqualTo(Delivery.RELAYED);
    }
}
