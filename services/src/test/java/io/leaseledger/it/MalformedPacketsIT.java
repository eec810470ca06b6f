package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.ScapyClient;
import io.leaseledger.it.harness.ScapyLan;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whatever arrives on port 67, the server drops what it cannot read and keeps serving. */
@Tag("netns")
@Timeout(180)
class MalformedPacketsIT extends ScapyLan {
    private static final Duration LISTEN = Duration.ofSeconds(10);


    @Test
    void serverKeepsServingAfterMalformedPackets() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 2, Duration.ofSeconds(120)));
        VethLink.End nic = lan.client("c");
        ScapyClient client = lab.scapy(nic);
        byte[] valid = discover(nic.mac(), 0x0bad0001);
        byte[] badCookie = valid.clone();
        badCookie[236] = (byte) 0xde;
        byte[] overrun = Arrays.copyOf(valid, 240 + 5);
        overrun[240] = 55;
        overrun[241] = (byte) 200; // an option claiming 200 bytes where 3 remain
        byte[] bootReply = valid.clone();
        bootReply[0] = 2;
        byte[] badHlen = valid.clone();
        badHlen[2] = (byte) 255;
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        List<byte[]> malformed = List.of(
                new byte[0], Arrays.copyOf(valid, 100), Arrays.copyOf(valid, 239), badCookie, overrun, bootReply,
                badHlen, garbage, Arrays.copyOf(garbage, 1400));

        List<DhcpReply> answers = client.sendRaw(malformed, Duration.ofSeconds(3));

        assertThat(answers).as("replies to malformed packets").isEmpty();
        assertThat(lan.server().process().isAlive()).as("server still running").isTrue();
        String mac = nic.mac();
        DhcpReply offer = client.reply(DhcpMessage.discover(mac, 0x0bad0002), LISTEN);
        DhcpReply ack = client.reply(DhcpMessage.request(mac, 0x0bad0002, offer.yiaddr(), offer.serverId()), LISTEN);
        assertThat(ack.messageType()).as("%s", ack).isEqualTo(DhcpReply.ACK);
        assertThat(ack.yiaddr()).isIn("198.18.0.100", "198.18.0.101");
    }

    /** A minimal well-formed DISCOVER (RFC 2131 §2), the base the malformed ones are cut from. */
    private static byte[] discover(String mac, int xid) {
        ByteBuffer b = ByteBuffer.allocate(244);
        b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid).putShort((short) 0)
                .putShort((short) 0x8000);
        b.position(28).put(HexFormat.ofDelimiter(":").parseHex(mac));
        b.position(236).putInt(0x63825363);
        b.put((byte) 53).put((byte) 1).put((byte) 1).put((byte) 255);
        return b.array();
    }
}
