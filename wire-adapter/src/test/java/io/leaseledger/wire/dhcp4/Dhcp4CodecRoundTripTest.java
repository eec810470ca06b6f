package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Dhcp4CodecRoundTripTest {

    @Test
    void discoverSurvivesEncodeAndDecode() {
        Dhcp4Message discover = Packets.discover();
        byte[] wire = Dhcp4Encoder.encode(discover);

        Dhcp4Message decoded = Dhcp4Decoder.decode(wire);

        assertThat(decoded).isEqualTo(discover);
        assertThat(decoded.messageType()).isEqualTo(MessageType.DISCOVER);
        assertThat(decoded.broadcast()).isTrue();
        assertThat(decoded.hardwareAddressString()).isEqualTo("52:54:00:12:a3:b4");
        assertThat(decoded.get(OptionCatalog.HOST_NAME)).contains("node-07");
        assertThat(decoded.maxMessageSize()).isEqualTo(1500);
        assertThat(wire.length).isEqualTo(Dhcp4Encoder.BOOTP_MIN_LENGTH);
    }

    @Test
    void ackEncodesIntoACallerBufferAndDecodesBackEqual() {
        Dhcp4Message ack = Packets.ack();
        ByteBuf out = Unpooled.buffer();
        try {
            Dhcp4Encoder.encode(ack, 1500, out);
            Dhcp4Message decoded = Dhcp4Decoder.decode(out);
            assertThat(decoded).isEqualTo(ack);
            assertThat(decoded.get(OptionCatalog.DOMAIN_SEARCH)).contains(List.of("maas.example", "example"));
            assertThat(decoded.get(OptionCatalog.CLIENT_IDENTIFIER)).isPresent();
            assertThat(decoded.op()).isEqualTo(Dhcp4Message.BOOTREPLY);
            assertThat(Ipv4Address.format(decoded.yiaddr())).isEqualTo("198.18.0.10");
        } finally {
            out.release();
        }
    }

    @Test
    void reencodingADecodedPacketReproducesItsBytes() {
        byte[] wire = Dhcp4Encoder.encode(Packets.ack(), 1500);
        assertThat(Dhcp4Encoder.encode(Dhcp4Decoder.decode(wire), 1500)).isEqualTo(wire);
    }

    @Test
    void benchmarkPacketsHaveTheSizesTheBenchmarkDocsState() {
        assertThat(Packets.discover().optionCount()).isEqualTo(6);
        assertThat(Dhcp4Encoder.encode(Packets.discover(), 1500)).hasSize(300);
        assertThat(Packets.ack().optionCount()).isEqualTo(15);
        assertThat(Dhcp4Encoder.encode(Packets.ack(), 1500)).hasSize(365);
    }
}
