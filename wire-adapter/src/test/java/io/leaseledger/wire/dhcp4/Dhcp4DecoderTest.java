package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.leaseledger.wire.dhcp4.RawPackets.hex;
import static io.leaseledger.wire.dhcp4.RawPackets.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Dhcp4DecoderTest {

    private static void rejected(byte[] datagram, Dhcp4DecodeException.Reason reason) {
        assertThatThrownBy(() -> Dhcp4Decoder.decode(datagram))
                .isInstanceOfSatisfying(Dhcp4DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void readsEveryHeaderFieldFromItsRfc2131Offset() {
        byte[] h = hex("02 01 06 03 deadbeef 0005 8000 c6120001 c6120002 c6120003 c6120004"
                + "525400123456" + "00".repeat(10) + "00".repeat(64) + "00".repeat(128));
        byte[] sname = "tftp.example".getBytes();
        byte[] file = "pxelinux.0".getBytes();
        System.arraycopy(sname, 0, h, 44, sname.length);
        System.arraycopy(file, 0, h, 108, file.length);

        Dhcp4Message m = Dhcp4Decoder.decode(RawPackets.withOptions(h, "350102 ff"));

        assertThat(m.op()).isEqualTo(Dhcp4Message.BOOTREPLY);
        assertThat(m.htype()).isEqualTo(1);
        assertThat(m.hlen()).isEqualTo(6);
        assertThat(m.hops()).isEqualTo(3);
        assertThat(m.xid()).isEqualTo(0xdeadbeef);
        assertThat(m.secs()).isEqualTo(5);
        assertThat(m.broadcast()).isTrue();
        assertThat(Ipv4Address.format(m.ciaddr())).isEqualTo("198.18.0.1");
        assertThat(Ipv4Address.format(m.yiaddr())).isEqualTo("198.18.0.2");
        assertThat(Ipv4Address.format(m.siaddr())).isEqualTo("198.18.0.3");
        assertThat(Ipv4Address.format(m.giaddr())).isEqualTo("198.18.0.4");
        assertThat(m.hardwareAddress()).containsExactly(hex("525400123456"));
        assertThat(m.hardwareAddressBits()).isEqualTo(0x525400123456L);
        assertThat(m.chaddr()).hasSize(16);
        assertThat(m.sname()).isEqualTo("tftp.example");
        assertThat(m.file()).isEqualTo("pxelinux.0");
        assertThat(m.messageType()).isEqualTo(MessageType.OFFER);
        assertThat(m.overloadedFields()).isZero();
    }

    @Test
    void decodesFromAByteBufWithoutMovingItsIndices() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("abcd"), request("350101 ff"));
        buf.readerIndex(2);
        try {
            Dhcp4Message m = Dhcp4Decoder.decode(buf);
            assertThat(m.messageType()).isEqualTo(MessageType.DISCOVER);
            assertThat(buf.readerIndex()).isEqualTo(2);
        } finally {
            buf.release();
        }
    }

    @Test
    void keepsOptionsInOrderAndUnknownOnesByteForByte() {
        byte[] datagram = request("350101 e0 03 010203 3d07 0152540012a3b4 50 00 fa 01 ff 00 00 ff");
        Dhcp4Message m = Dhcp4Decoder.decode(datagram);

        assertThat(m.optionCount()).isEqualTo(5);
        assertThat(List.of(m.optionCode(0), m.optionCode(1), m.optionCode(2), m.optionCode(3), m.optionCode(4)))
                .containsExactly(OptionCode.MESSAGE_TYPE, OptionCode.valueOf(224), OptionCode.CLIENT_IDENTIFIER,
                        OptionCode.valueOf(80), OptionCode.valueOf(250));
        assertThat(m.option(OptionCode.valueOf(224))).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(m.optionLength(OptionCode.valueOf(80))).isZero();
        assertThat(m.optionLength(OptionCode.ROUTERS)).isEqualTo(-1);
        // Pads between options are not options; the bytes after end are padding.
        byte[] again = Dhcp4Encoder.encode(m);
        assertThat(Arrays.copyOfRange(again, 240, 240 + 23)).containsExactly(
                hex("350101 e003010203 3d070152540012a3b4 5000 fa01ff ff"));
    }

    @Test
    void toleratesAMissingEndOption() {
        Dhcp4Message m = Dhcp4Decoder.decode(request("350103 3204c612000a"));
        assertThat(m.get(OptionCatalog.REQUESTED_IP_ADDRESS)).contains(Ipv4Address.parse("198.18.0.10"));
    }

    @Test
    void concatenatesSplitOptionsPerRfc3396() {
        Dhcp4Message m = Dhcp4Decoder.decode(request("0c03616263 350101 0c02 6465 e001aa 0c01 66 ff"));
        assertThat(m.optionCount()).isEqualTo(3);
        assertThat(m.optionCode(0)).isEqualTo(OptionCode.HOST_NAME);
        assertThat(m.get(OptionCatalog.HOST_NAME)).contains("abcdef");
        assertThat(m.option(OptionCode.valueOf(224))).hasValueSatisfying(v -> assertThat(v).containsExactly(0xaa));
    }

    @Test
    void readsOptionsOverloadedIntoFileAndSname() {
        byte[] h = RawPackets.header(1);
        byte[] file = hex("0c046e6f6465 ff");
        byte[] sname = hex("0f076578616d706c65 0c022d31 ff");
        System.arraycopy(file, 0, h, 108, file.length);
        System.arraycopy(sname, 0, h, 44, sname.length);

        Dhcp4Message m = Dhcp4Decoder.decode(RawPackets.withOptions(h, "350103 340103 0c01 78 ff"));

        assertThat(m.overloadedFields()).isEqualTo(Dhcp4Message.OVERLOAD_FILE | Dhcp4Message.OVERLOAD_SNAME);
        // RFC 3396 order: options field, then file, then sname.
        assertThat(m.get(OptionCatalog.HOST_NAME)).contains("xnode-1");
        assertThat(m.get(OptionCatalog.DOMAIN_NAME)).contains("example");
        assertThat(m.has(OptionCode.OPTION_OVERLOAD)).isFalse();
        assertThat(m.sname()).isEmpty();
        assertThat(m.file()).isEmpty();
        assertThat(m.snameBytes()).containsOnly(0);
    }

    @Test
    void fileOnlyOverloadLeavesSnameAsAName() {
        byte[] h = RawPackets.header(1);
        System.arraycopy(hex("0c026869 ff"), 0, h, 108, 5);
        System.arraycopy("server".getBytes(), 0, h, 44, 6);
        Dhcp4Message m = Dhcp4Decoder.decode(RawPackets.withOptions(h, "350101 340101 ff"));
        assertThat(m.get(OptionCatalog.HOST_NAME)).contains("hi");
        assertThat(m.sname()).isEqualTo("server");
        assertThat(m.overloadedFields()).isEqualTo(Dhcp4Message.OVERLOAD_FILE);
    }

    @Test
    void rejectsFewerThan240Bytes() {
        rejected(new byte[0], Dhcp4DecodeException.Reason.TRUNCATED_HEADER);
        rejected(Arrays.copyOf(request(""), 239), Dhcp4DecodeException.Reason.TRUNCATED_HEADER);
        ByteBuf small = Unpooled.wrappedBuffer(new byte[100]);
        assertThatThrownBy(() -> Dhcp4Decoder.decode(small)).isInstanceOf(Dhcp4DecodeException.class);
    }

    @Test
    void rejectsAWrongMagicCookie() {
        byte[] bootp = request("350101 ff");
        bootp[239] = 0x62;
        rejected(bootp, Dhcp4DecodeException.Reason.BAD_MAGIC_COOKIE);
    }

    @Test
    void rejectsAnOpOtherThanRequestOrReply() {
        rejected(RawPackets.withOptions(RawPackets.header(3), "350101 ff"), Dhcp4DecodeException.Reason.BAD_OP);
    }

    @Test
    void rejectsReservedHtypeAndImpossibleHlen() {
        byte[] h = RawPackets.header(1);
        h[1] = 0;
        rejected(RawPackets.withOptions(h, "350101 ff"), Dhcp4DecodeException.Reason.BAD_HTYPE);
        h = RawPackets.header(1);
        h[2] = 17;
        rejected(RawPackets.withOptions(h, "350101 ff"), Dhcp4DecodeException.Reason.BAD_HLEN);
        h = RawPackets.header(1);
        h[2] = 8;
        rejected(RawPackets.withOptions(h, "350101 ff"), Dhcp4DecodeException.Reason.BAD_HLEN);
        // InfiniBand (32) sends hlen 0 and identifies itself by client id (RFC 4390).
        h = RawPackets.header(1);
        h[1] = 32;
        h[2] = 0;
        assertThat(Dhcp4Decoder.decode(RawPackets.withOptions(h, "350101 ff")).hlen()).isZero();
    }

    @Test
    void rejectsOptionsThatOverrunThePacket() {
        rejected(request("350101 0c"), Dhcp4DecodeException.Reason.OPTION_OVERRUN);
        rejected(request("350101 0c05 6162"), Dhcp4DecodeException.Reason.OPTION_OVERRUN);
    }

    @Test
    void rejectsOptionsThatOverrunTheirOverloadedField() {
        byte[] h = RawPackets.header(1);
        h[44 + 62] = 0x0c;
        h[44 + 63] = 0x02;
        rejected(RawPackets.withOptions(h, "350101 340102 ff"), Dhcp4DecodeException.Reason.OPTION_OVERRUN);
    }

    @Test
    void rejectsMissingOrDuplicateMessageType() {
        rejected(request("0c0161 ff"), Dhcp4DecodeException.Reason.MISSING_MESSAGE_TYPE);
        rejected(request("ff 350101"), Dhcp4DecodeException.Reason.MISSING_MESSAGE_TYPE);
        rejected(request("350101 350103 ff"), Dhcp4DecodeException.Reason.DUPLICATE_MESSAGE_TYPE);
        rejected(request("35020101 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejected(request("3500 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void keepsAnUnassignedMessageTypeForTheHandlerToJudge() {
        assertThat(Dhcp4Decoder.decode(request("3501c8 ff")).messageType()).isEqualTo(MessageType.valueOf(200));
    }

    @Test
    void rejectsMalformedOverload() {
        rejected(request("350101 340104 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_OVERLOAD);
        rejected(request("350101 34020101 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_OVERLOAD);
        rejected(request("350101 340101 340101 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_OVERLOAD);
        byte[] h = RawPackets.header(1);
        System.arraycopy(hex("340102 ff"), 0, h, 108, 4);
        rejected(RawPackets.withOptions(h, "350101 340101 ff"), Dhcp4DecodeException.Reason.BAD_OPTION_OVERLOAD);
    }

    @Test
    void malformedOptionValuesAreTypedErrorsOnlyWhenRead() {
        Dhcp4Message m = Dhcp4Decoder.decode(request("350101 0103ffffff ff"));
        assertThatThrownBy(() -> m.get(OptionCatalog.SUBNET_MASK))
                .isInstanceOfSatisfying(Dhcp4DecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
                    assertThat(e.option()).contains(OptionCode.SUBNET_MASK);
                });
        assertThat(m.get(OptionCatalog.ROUTERS)).isEmpty();
    }

    @Test
    void maxMessageSizeIsNeverBelow576() {
        assertThat(Dhcp4Decoder.decode(request("350101 39020100 ff")).maxMessageSize()).isEqualTo(576);
        assertThat(Dhcp4Decoder.decode(request("350101 390205dc ff")).maxMessageSize()).isEqualTo(1500);
        assertThat(Dhcp4Decoder.decode(request("350101 390105 ff")).maxMessageSize()).isEqualTo(576);
        assertThat(Dhcp4Decoder.decode(request("350101 ff")).maxMessageSize()).isEqualTo(576);
    }
}
