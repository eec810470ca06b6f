package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.leaseledger.wire.dhcp4.RawPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Dhcp4EncoderTest {

    private static Dhcp4MessageBuilder offer() {
        return Dhcp4Message.builder()
                .op(Dhcp4Message.BOOTREPLY)
                .ethernet(Packets.MAC)
                .hops(1)
                .xid(0x01020304)
                .secs(7)
                .broadcast(true)
                .ciaddr(Ipv4Address.parse("198.18.0.1"))
                .yiaddr(Ipv4Address.parse("198.18.0.2"))
                .siaddr(Ipv4Address.parse("198.18.0.3"))
                .giaddr(Ipv4Address.parse("198.18.0.4"))
                .messageType(MessageType.OFFER);
    }

    @Test
    void writesTheHeaderCookieOptionsEndAndPadsTo300Bytes() {
        byte[] wire = Dhcp4Encoder.encode(offer().sname("srv").file("boot.ipxe").build());

        assertThat(wire).hasSize(300);
        assertThat(Arrays.copyOfRange(wire, 0, 34)).containsExactly(hex(
                "02 01 06 01 01020304 0007 8000 c6120001 c6120002 c6120003 c6120004 525400 12a3b4"));
        assertThat(Arrays.copyOfRange(wire, 34, 44)).containsOnly(0);
        assertThat(Arrays.copyOfRange(wire, 44, 48)).containsExactly(hex("73727600"));
        assertThat(Arrays.copyOfRange(wire, 108, 118)).containsExactly(hex("626f6f742e6970786500"));
        assertThat(Arrays.copyOfRange(wire, 236, 244)).containsExactly(hex("63825363 350102 ff"));
        assertThat(Arrays.copyOfRange(wire, 244, 300)).containsOnly(0);
    }

    @Test
    void doesNotPadAMessageAlreadyOver300Bytes() {
        byte[] wire = Dhcp4Encoder.encode(offer().putOption(224, new byte[100]).build());
        assertThat(wire).hasSize(240 + 3 + 102 + 1);
    }

    @Test
    void appendsToACallerBufferAfterWhatItHolds() {
        ByteBuf out = Unpooled.buffer(16);
        try {
            out.writeByte(0x42);
            Dhcp4Encoder.encode(offer().build(), 1500, out);
            assertThat(out.readableBytes()).isEqualTo(301);
            assertThat(out.getByte(0)).isEqualTo((byte) 0x42);
            assertThat(out.getByte(1)).isEqualTo((byte) 2);
        } finally {
            out.release();
        }
    }

    @Test
    void splitsOptionsLongerThan255BytesIntoConsecutiveInstances() {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 0x61);
        byte[] wire = Dhcp4Encoder.encode(offer().putOption(224, value).build(), 1500);

        assertThat(wire[243] & 0xFF).isEqualTo(224);
        assertThat(wire[244] & 0xFF).isEqualTo(255);
        assertThat(wire[243 + 257] & 0xFF).isEqualTo(224);
        assertThat(wire[244 + 257] & 0xFF).isEqualTo(45);
        assertThat(Dhcp4Decoder.decode(wire).option(OptionCode.valueOf(224)))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(value));
    }

    @Test
    void overloadsIntoFileThenSnameWhenTheOptionsDoNotFit() {
        Dhcp4Message big = offer()
                .putOption(224, new byte[250])
                .putOption(225, new byte[100])
                .putOption(226, new byte[40])
                .build();

        byte[] wire = Dhcp4Encoder.encode(big, 576);

        assertThat(wire.length).isLessThanOrEqualTo(548);
        // Message type stays first (some PXE ROMs insist), the overload option follows it.
        assertThat(Arrays.copyOfRange(wire, 240, 246)).containsExactly(hex("350102 340103"));
        assertThat(wire[108] & 0xFF).as("file starts with an option").isEqualTo(225);
        assertThat(wire[108 + 102] & 0xFF).as("end after file's options").isEqualTo(255);
        assertThat(wire[44] & 0xFF).as("sname starts with an option").isEqualTo(226);
        assertThat(wire[44 + 42] & 0xFF).isEqualTo(255);

        Dhcp4Message decoded = Dhcp4Decoder.decode(wire);
        assertThat(decoded).isEqualTo(big);
        assertThat(decoded.overloadedFields()).isEqualTo(3);
    }

    @Test
    void overloadUsesOnlyFileWhenThatIsEnough() {
        Dhcp4Message big = offer().sname("keep-me").putOption(224, new byte[250]).putOption(225, new byte[60]).build();
        byte[] wire = Dhcp4Encoder.encode(big, 576);
        Dhcp4Message decoded = Dhcp4Decoder.decode(wire);
        assertThat(decoded.overloadedFields()).isEqualTo(Dhcp4Message.OVERLOAD_FILE);
        assertThat(decoded.sname()).isEqualTo("keep-me");
        assertThat(decoded).isEqualTo(big);
    }

    @Test
    void aLongOptionContinuesAcrossFieldsPerRfc3396() {
        Dhcp4Message big = offer().putOption(224, new byte[400]).build();
        byte[] wire = Dhcp4Encoder.encode(big, 576);
        assertThat(Dhcp4Decoder.decode(wire)).isEqualTo(big);
        assertThat(Dhcp4Decoder.decode(wire).overloadedFields()).isNotZero();
    }

    @Test
    void refusesRatherThanTruncatesWhenEvenOverloadCannotFit() {
        Dhcp4Message huge = offer().file("busy").putOption(224, new byte[250]).putOption(225, new byte[250]).build();
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> Dhcp4Encoder.encode(huge, 576, out))
                    .isInstanceOfSatisfying(Dhcp4EncodeException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Dhcp4EncodeException.Reason.MESSAGE_TOO_LARGE);
                        assertThat(e.limit()).isEqualTo(548);
                        assertThat(e.required()).isGreaterThan(548);
                    });
            assertThat(out.writerIndex()).as("nothing written").isZero();
        } finally {
            out.release();
        }
        assertThat(Dhcp4Encoder.encode(huge, 1500)).hasSize(240 + 3 + 252 + 252 + 1);
    }

    @Test
    void honoursTheClientsMaximumButNeverLessThan576() {
        assertThat(Dhcp4Encoder.payloadLimit(0)).isEqualTo(548);
        assertThat(Dhcp4Encoder.payloadLimit(576)).isEqualTo(548);
        assertThat(Dhcp4Encoder.payloadLimit(1500)).isEqualTo(1472);
        assertThat(Dhcp4Encoder.payloadLimit(65_535)).isEqualTo(65_507);
        Dhcp4Message m = offer().putOption(224, new byte[250]).putOption(225, new byte[100]).build();
        assertThat(Dhcp4Decoder.decode(Dhcp4Encoder.encode(m, 1500)).overloadedFields()).isZero();
        assertThat(Dhcp4Decoder.decode(Dhcp4Encoder.encode(m, 100)).overloadedFields()).isNotZero();
    }

    @Test
    void aDecodedOverloadedMessageReencodesWithEmptySnameAndFileWhenItFits() {
        byte[] h = RawPackets.header(1);
        System.arraycopy(hex("0c026869 ff"), 0, h, 108, 5);
        Dhcp4Message m = Dhcp4Decoder.decode(RawPackets.withOptions(h, "350101 340101 ff"));
        byte[] wire = Dhcp4Encoder.encode(m);
        assertThat(Arrays.copyOfRange(wire, 108, 236)).containsOnly(0);
        assertThat(Arrays.copyOfRange(wire, 240, 248)).containsExactly(hex("350101 0c026869 ff"));
        assertThat(Dhcp4Decoder.decode(wire)).isEqualTo(m);
    }

    @Test
    void writesTheSameBytesIntoDirectAndHeapBuffers() {
        Dhcp4Message ack = Packets.ack();
        ByteBuf direct = Unpooled.directBuffer(64);
        ByteBuf heap = Unpooled.buffer(64);
        try {
            Dhcp4Encoder.encode(ack, 1500, direct);
            Dhcp4Encoder.encode(ack, 1500, heap);
            assertThat(direct).isEqualTo(heap);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(heap)).containsExactly(Dhcp4Encoder.encode(ack, 1500));
        } finally {
            direct.release();
            heap.release();
        }
    }

    @Test
    void tellsTheEncodedLengthWithoutEncoding() {
        Dhcp4Message small = offer().build();
        Dhcp4Message overloaded = offer().putOption(224, new byte[250]).putOption(225, new byte[100]).build();
        Dhcp4Message huge = offer().file("busy").putOption(224, new byte[250]).putOption(225, new byte[250]).build();

        assertThat(Dhcp4Encoder.encodedLength(small, 576)).isEqualTo(300);
        assertThat(Dhcp4Encoder.encodedLength(overloaded, 576)).isEqualTo(Dhcp4Encoder.encode(overloaded, 576).length);
        assertThat(Dhcp4Encoder.fits(overloaded, 576)).isTrue();
        assertThat(Dhcp4Encoder.encodedLength(huge, 576)).isEqualTo(-1);
        assertThat(Dhcp4Encoder.fits(huge, 576)).isFalse();
        assertThat(Dhcp4Encoder.fits(huge, 1500)).isTrue();
    }
}
