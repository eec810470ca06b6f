package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The codec's message read into the facts the reply-addressing rules look at. */
class DecodedRequestTest {

    private static final byte[] MAC = HexFormat.of().parseHex("525400a1b2c3");
    private static final InetSocketAddress RELAY = new InetSocketAddress("198.18.5.1", 2067);
    private static final Ingress INGRESS = new Ingress.BoundAddress(new InetSocketAddress("198.18.0.1", 67));

    @Test
    void offerToABroadcastingClientCarriesItsFlagChaddrAndYiaddr() {
        Dhcp4Message discover = Dhcp4Message.builder().ethernet(MAC).broadcast(true)
                .messageType(MessageType.DISCOVER).build();
        Dhcp4Message offer = Dhcp4Message.replyTo(discover, MessageType.OFFER)
                .yiaddr(Ipv4Address.parse("198.18.0.50")).build();

        ReplyFacts facts = request(discover, new InetSocketAddress("0.0.0.0", 68)).replyFacts(offer);

        assertThat(facts.kind()).isEqualTo(ReplyKind.OFFER);
        assertThat(facts.broadcastFlag()).isTrue();
        assertThat(facts.yiaddr().getHostAddress()).isEqualTo("198.18.0.50");
        assertThat(facts.chaddr()).isEqualTo(HardwareAddress.ethernet(MAC));
        assertThat(facts.relayed()).isFalse();
    }

    @Test
    void nakIsANakAndAnAckToAnInformIsAnAckToInform() {
        Dhcp4Message request = Dhcp4Message.builder().ethernet(MAC).messageType(MessageType.REQUEST).build();
        Dhcp4Message inform = Dhcp4Message.builder().ethernet(MAC).ciaddr(Ipv4Address.parse("198.18.0.20"))
                .messageType(MessageType.INFORM).build();
        var source = new InetSocketAddress("198.18.0.20", 68);

        assertThat(request(request, source).replyFacts(Dhcp4Message.replyTo(request, MessageType.NAK).build()).kind())
                .isEqualTo(ReplyKind.NAK);
        assertThat(request(inform, source).replyFacts(Dhcp4Message.replyTo(inform, MessageType.ACK).build()).kind())
                .isEqualTo(ReplyKind.ACK_TO_INFORM);
        assertThat(request(inform, source).replyDestination(Dhcp4Message.replyTo(inform, MessageType.ACK).build(),
                ReplyPorts.STANDARD)).isEqualTo(new ReplyDestination.Unicast(new InetSocketAddress("198.18.0.20", 68)));
    }

    @Test
    void relayThatAskedForItsSourcePortIsAnsweredThere() {
        Dhcp4Message relayed = Dhcp4Message.builder().ethernet(MAC).giaddr(Ipv4Address.parse("198.18.5.1"))
                .messageType(MessageType.DISCOVER)
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                        RelayAgentInformation.circuitId(new byte[] {1}),
                        new RelayAgentInformation.SubOption(DecodedRequest.RELAY_SOURCE_PORT, new byte[0])))
                .build();
        Dhcp4Message offer = Dhcp4Message.replyTo(relayed, MessageType.OFFER)
                .yiaddr(Ipv4Address.parse("198.18.6.50")).build();

        assertThat(request(relayed, RELAY).replyDestination(offer, ReplyPorts.STANDARD))
                .isEqualTo(new ReplyDestination.Relay(RELAY, false));
    }

    @Test
    void relayWithoutTheSourcePortSubOptionIsAnsweredOnTheServerPort() {
        Dhcp4Message relayed = Dhcp4Message.builder().ethernet(MAC).giaddr(Ipv4Address.parse("198.18.5.1"))
                .messageType(MessageType.DISCOVER).build();
        Dhcp4Message offer = Dhcp4Message.replyTo(relayed, MessageType.OFFER).build();

        assertThat(request(relayed, RELAY).replyDestination(offer, ReplyPorts.STANDARD))
                .isEqualTo(new ReplyDestination.Relay(new InetSocketAddress("198.18.5.1", 67), false));
    }

    private static DecodedRequest request(Dhcp4Message message, InetSocketAddress sender) {
        return new DecodedRequest(message, sender, new InetSocketAddress("255.255.255.255", 67), INGRESS);
    }
}
