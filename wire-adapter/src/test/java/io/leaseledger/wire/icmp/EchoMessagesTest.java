package io.leaseledger.wire.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EchoMessagesTest {

    @Test
    void aRequestIsAnEchoRequestWithItsIdentifierSequenceAndAChecksumThatVerifies() {
        byte[] request = EchoMessages.request(0xBEEF, 7);

        assertThat(request[0]).isEqualTo((byte) 8);
        assertThat(request[1]).isZero();
        assertThat(((request[4] & 0xff) << 8) | (request[5] & 0xff)).isEqualTo(0xBEEF);
        assertThat(((request[6] & 0xff) << 8) | (request[7] & 0xff)).isEqualTo(7);
        assertThat(EchoMessages.checksum(request, 0, request.length)).isZero();
    }

    @Test
    void rfc1071sExampleSumsAsItSays() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
        byte[] words = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertThat(EchoMessages.checksum(words, 0, words.length)).isEqualTo(~0xddf2 & 0xffff);
    }

    @Test
    void aReplyIsReadWithItsSourceIdentifierAndSequence() {
        byte[] packet = ipv4(Ipv4Address.parse("198.18.1.100"), reply(EchoMessages.request(0x1234, 42)));

        var reply = EchoMessages.readReply(packet, packet.length);

        assertThat(reply).contains(new EchoMessages.EchoReply(Ipv4Address.parse("198.18.1.100"), 0x1234, 42));
    }

    @Test
    void anOddLengthReplyStillVerifies() {
        byte[] message = Arrays.copyOf(EchoMessages.request(1, 2), 27);
        message[26] = 0x5a;
        message[2] = 0;
        message[3] = 0;
        int sum = EchoMessages.checksum(message, 0, message.length);
        message[2] = (byte) (sum >>> 8);
        message[3] = (byte) sum;
        byte[] packet = ipv4(Ipv4Address.parse("198.18.1.9"), reply(message));

        assertThat(EchoMessages.readReply(packet, packet.length)).isPresent();
    }

    @Test
    void whatIsNotAnIntactEchoReplyReadsAsNothing() {
        byte[] good = ipv4(Ipv4Address.parse("198.18.1.100"), reply(EchoMessages.request(1, 1)));

        byte[] request = ipv4(Ipv4Address.parse("198.18.1.100"), EchoMessages.request(1, 1));
        byte[] badSum = good.clone();
        badSum[good.length - 1] ^= 0x01;
        byte[] notIcmp = good.clone();
        notIcmp[9] = 17;
        byte[] notIpv4 = good.clone();
        notIpv4[0] = 0x65;

        assertThat(EchoMessages.readReply(request, request.length)).isEmpty();
        assertThat(EchoMessages.readReply(badSum, badSum.length)).isEmpty();
        assertThat(EchoMessages.readReply(notIcmp, notIcmp.length)).isEmpty();
        assertThat(EchoMessages.readReply(notIpv4, notIpv4.length)).isEmpty();
        assertThat(EchoMessages.readReply(good, 27)).isEmpty();
        assertThat(EchoMessages.readReply(new byte[0], 0)).isEmpty();
    }

    /** The reply a host sends to {@code request}: type 0, the checksum made again. */
    private static byte[] reply(byte[] request) {
        byte[] reply = request.clone();
        reply[0] = 0;
        reply[2] = 0;
        reply[3] = 0;
        int sum = EchoMessages.checksum(reply, 0, reply.length);
        reply[2] = (byte) (sum >>> 8);
        reply[3] = (byte) sum;
        return reply;
    }

    /** {@code icmp} behind a 20-byte IPv4 header from {@code source}. */
    private static byte[] ipv4(Ipv4Address source, byte[] icmp) {
        byte[] packet = new byte[20 + icmp.length];
        packet[0] = 0x45;
        packet[2] = (byte) (packet.length >>> 8);
        packet[3] = (byte) packet.length;
        packet[8] = 64;
        packet[9] = 1;
        System.arraycopy(source.toBytes(), 0, packet, 12, 4);
        System.arraycopy(icmp, 0, packet, 20, icmp.length);
        return packet;
    }
}
