package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leaseledger.wire.dhcp4.RawPackets.hex;
import static io.leaseledger.wire.dhcp4.RawPackets.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Dhcp4MessageBuilderTest {

    /** A relayed REQUEST: giaddr set, client id, option 82 from the relay, renewing from ciaddr. */
    private static Dhcp4Message relayedRequest() {
        byte[] h = RawPackets.header(1);
        h[3] = 1;
        h[8] = 0;
        h[9] = 9;
        System.arraycopy(hex("c6120232"), 0, h, 12, 4);
        System.arraycopy(hex("c6120201"), 0, h, 24, 4);
        return Dhcp4Decoder.decode(RawPackets.withOptions(h,
                "350103 3d070152540012a3b4 370301030f 52080106657468302f31 ff"));
    }

    @Test
    void replyCopiesWhatRfc2131Table3Says() {
        Dhcp4Message request = relayedRequest();
        Dhcp4Message ack = Dhcp4Message.replyTo(request, MessageType.ACK).yiaddr(Ipv4Address.parse("198.18.2.50")).build();

        assertThat(ack.op()).isEqualTo(Dhcp4Message.BOOTREPLY);
        assertThat(ack.xid()).isEqualTo(request.xid());
        assertThat(ack.flags()).isEqualTo(request.flags());
        assertThat(ack.giaddr()).isEqualTo(request.giaddr());
        assertThat(ack.chaddr()).isEqualTo(request.chaddr());
        assertThat(ack.htype()).isEqualTo(1);
        assertThat(ack.hlen()).isEqualTo(6);
        assertThat(ack.hops()).isZero();
        assertThat(ack.secs()).isZero();
        assertThat(ack.ciaddr()).isEqualTo(request.ciaddr());
        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
    }

    @Test
    void offerAndNakLeaveCiaddrZero() {
        assertThat(Dhcp4Message.replyTo(relayedRequest(), MessageType.OFFER).build().ciaddr()).isZero();
        assertThat(Dhcp4Message.replyTo(relayedRequest(), MessageType.NAK).build().ciaddr()).isZero();
    }

    @Test
    void replyEchoesClientIdAndRelayAgentInformationWhichStaysLast() {
        Dhcp4Message ack = Dhcp4Message.replyTo(relayedRequest(), MessageType.ACK)
                .put(OptionCatalog.SERVER_IDENTIFIER, Ipv4Address.parse("198.18.0.1"))
                .put(OptionCatalog.LEASE_TIME, 600L)
                .build();

        assertThat(List.of(ack.optionCode(0), ack.optionCode(1), ack.optionCode(2), ack.optionCode(3), ack.optionCode(4)))
                .containsExactly(OptionCode.MESSAGE_TYPE, OptionCode.CLIENT_IDENTIFIER, OptionCode.SERVER_IDENTIFIER,
                        OptionCode.LEASE_TIME, OptionCode.RELAY_AGENT_INFORMATION);
        assertThat(ack.get(OptionCatalog.CLIENT_IDENTIFIER)).hasValueSatisfying(v -> assertThat(v).containsExactly(hex("0152540012a3b4")));
        assertThat(ack.get(OptionCatalog.RELAY_AGENT_INFORMATION).flatMap(RelayAgentInformation::circuitId))
                .hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("eth0/1"));
    }

    @Test
    void replyToAnUnrelayedRequestHasNeither() {
        Dhcp4Message offer = Dhcp4Message.replyTo(Dhcp4Decoder.decode(request("350101 ff")), MessageType.OFFER).build();
        assertThat(offer.optionCount()).isEqualTo(1);
        assertThat(offer.giaddr()).isZero();
    }

    @Test
    void puttingAnOptionAgainReplacesItInPlace() {
        Dhcp4Message m = Dhcp4Message.builder().messageType(MessageType.DISCOVER)
                .put(OptionCatalog.HOST_NAME, "a")
                .put(OptionCatalog.LEASE_TIME, 1L)
                .put(OptionCatalog.HOST_NAME, "bbb")
                .build();
        assertThat(m.optionCode(1)).isEqualTo(OptionCode.HOST_NAME);
        assertThat(m.get(OptionCatalog.HOST_NAME)).contains("bbb");
        assertThat(m.optionCount()).isEqualTo(3);
    }

    @Test
    void removesOptions() {
        Dhcp4Message m = Dhcp4Message.builder().messageType(MessageType.DISCOVER)
                .put(OptionCatalog.HOST_NAME, "a")
                .put(OptionCatalog.LEASE_TIME, 1L)
                .removeOption(OptionCode.HOST_NAME)
                .build();
        assertThat(m.has(OptionCode.HOST_NAME)).isFalse();
        assertThat(m.get(OptionCatalog.LEASE_TIME)).contains(1L);
    }

    @Test
    void refusesWhatOnlyTheEncoderMayWriteAndMessagesWithoutType() {
        Dhcp4MessageBuilder b = Dhcp4Message.builder();
        assertThatThrownBy(() -> b.putOption(52, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.putOption(0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.putOption(255, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.putOption(256, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.sname("x".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.hlen(17)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderCopiesTheMessage() {
        Dhcp4Message ack = Packets.ack();
        assertThat(ack.toBuilder().build()).isEqualTo(ack);
        assertThat(ack.toBuilder().xid(1).build()).isNotEqualTo(ack);
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheBuiltMessageAlone() {
        Dhcp4MessageBuilder b = Dhcp4Message.builder().messageType(MessageType.DISCOVER).xid(7).put(OptionCatalog.HOST_NAME, "a");
        Dhcp4Message first = b.build();
        Dhcp4Message copy = Dhcp4Decoder.decode(Dhcp4Encoder.encode(first));

        b.xid(8).put(OptionCatalog.HOST_NAME, "b").messageType(MessageType.REQUEST).removeOption(OptionCode.HOST_NAME);

        assertThat(first).isEqualTo(copy);
        assertThat(first.xid()).isEqualTo(7);
        assertThat(first.get(OptionCatalog.HOST_NAME)).contains("a");
        assertThat(b.build().messageType()).isEqualTo(MessageType.REQUEST);
    }
}
