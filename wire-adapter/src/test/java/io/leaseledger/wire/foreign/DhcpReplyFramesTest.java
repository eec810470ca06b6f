package io.leaseledger.wire.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DhcpReplyFramesTest {
    private static final byte[] CLIENT = HexFormat.of().parseHex("525400aabbcc");
    private static final byte[] ROGUE = HexFormat.of().parseHex("02dd00000001");

    private static Dhcp4Message discover() {
        return Dhcp4Message.builder().ethernet(CLIENT).xid(7).broadcast(true).messageType(MessageType.DISCOVER).build();
    }

    private static Dhcp4Message offer(boolean withServerId) {
        var builder = Dhcp4Message.replyTo(discover(), MessageType.OFFER).yiaddr(Ipv4Address.parse("192.168.1.50"));
        if (withServerId) {
            builder.put(OptionCatalog.SERVER_IDENTIFIER, Ipv4Address.parse("192.168.1.1"));
        }
        return builder.build();
    }

    /** An IPv4/UDP datagram as a SOCK_DGRAM packet socket delivers it. */
    private static byte[] datagram(String source, int sourcePort, int destinationPort, byte[] payload, int fragmentField) {
        ByteBuffer b = ByteBuffer.allocate(28 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 1)
                .putShort((short) fragmentField).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(Ipv4Address.parse(source).toBytes()).put(Ipv4Address.BROADCAST.toBytes());
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private static DhcpReplyFrames.Verdict read(byte[] packet) {
        return DhcpReplyFrames.read("eth1", packet, packet.length, ROGUE);
    }

    @Test
    void anOfferFromAnotherServerNamesItsServerIdentifierAndWhatItGave() {
        var verdict = read(datagram("192.168.1.254", 67, 68, Dhcp4Encoder.encode(offer(true)), 0));

        assertThat(verdict).isEqualTo(new DhcpReplyFrames.Heard(new ForeignReply("eth1", Ipv4Address.parse("192.168.1.1"),
                Ipv4Address.parse("192.168.1.254"), Optional.of(MacAddress.ethernet(ROGUE)), "DHCPOFFER",
                "52:54:00:aa:bb:cc", Optional.of(Ipv4Address.parse("192.168.1.50")))));
    }

    @Test
    void withoutOption54TheSourceAddressIsTheServer() {
        var verdict = (DhcpReplyFrames.Heard) read(datagram("192.168.1.254", 67, 68, Dhcp4Encoder.encode(offer(false)), 0));

        assertThat(verdict.reply().server()).isEqualTo(Ipv4Address.parse("192.168.1.254"));
    }

    @Test
    void aNakHasNoOfferedAddress() {
        var nak = Dhcp4Message.replyTo(discover(), MessageType.NAK)
                .put(OptionCatalog.SERVER_IDENTIFIER, Ipv4Address.parse("192.168.1.1")).build();
        var verdict = (DhcpReplyFrames.Heard) read(datagram("192.168.1.1", 67, 68, Dhcp4Encoder.encode(nak), 0));

        assertThat(verdict.reply().messageType()).isEqualTo("DHCPNAK");
        assertThat(verdict.reply().offered()).isEmpty();
    }

    @Test
    void requestsAndOtherRepliesAreNotAServerAnswering() {
        assertThat(read(datagram("0.0.0.0", 67, 68, Dhcp4Encoder.encode(discover()), 0)))
                .isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.NOT_A_REPLY));
        var leaseActive = Dhcp4Message.replyTo(discover(), MessageType.valueOf(13)).build(); // a leasequery answer
        assertThat(read(datagram("192.168.1.1", 67, 68, Dhcp4Encoder.encode(leaseActive), 0)))
                .isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.NOT_A_REPLY));
    }

    @Test
    void wrongPortsFragmentsAndTruncationAreMalformed() {
        byte[] offer = Dhcp4Encoder.encode(offer(true));
        assertThat(read(datagram("192.168.1.1", 68, 67, offer, 0))).isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.MALFORMED));
        assertThat(read(datagram("192.168.1.1", 67, 68, offer, 0x2000))).as("more fragments")
                .isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.MALFORMED));
        byte[] whole = datagram("192.168.1.1", 67, 68, offer, 0);
        assertThat(DhcpReplyFrames.read("eth1", whole, 100, ROGUE)).isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.MALFORMED));
        assertThat(read(new byte[0])).isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.MALFORMED));
    }

    @Test
    void aPayloadThatIsNoDhcpMessageIsUndecodable() {
        assertThat(read(datagram("192.168.1.1", 67, 68, new byte[300], 0)))
                .isEqualTo(new DhcpReplyFrames.Dropped(ForeignReplyDrop.UNDECODABLE));
    }

    @Test
    void anyBytesWhateverGiveAVerdictNeverAnException() {
        Random random = new Random(42);
        byte[] offer = datagram("192.168.1.1", 67, 68, Dhcp4Encoder.encode(offer(true)), 0);
        for (int i = 0; i < 20_000; i++) {
            byte[] packet = random.nextBoolean() ? offer.clone() : new byte[random.nextInt(400)];
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips && packet.length > 0; f++) {
                packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
            }
            assertThat(DhcpReplyFrames.read("eth1", packet, random.nextInt(packet.length + 1), new byte[random.nextInt(9)]))
                    .isNotNull();
        }
    }
}
