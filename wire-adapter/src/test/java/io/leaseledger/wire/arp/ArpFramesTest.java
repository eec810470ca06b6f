package io.leaseledger.wire.arp;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 826 frames as a SOCK_DGRAM packet socket hands them over (no Ethernet header). */
class ArpFramesTest {

    /** who-has 198.18.9.1 tell 198.18.9.50, from 02:11:22:33:44:55, padded to Ethernet's minimum. */
    static final String REQUEST = "0001" + "0800" + "06" + "04" + "0001" + "021122334455" + "c6120932"
            + "000000000000" + "c6120901" + "00".repeat(18);

    private static ArpFrames.Verdict read(String hex) {
        byte[] frame = HexFormat.of().parseHex(hex);
        return ArpFrames.read(frame, frame.length);
    }

    @Test
    void aRequestNamesItsSender() {
        assertThat(read(REQUEST)).isEqualTo(new ArpFrames.Claimed(Ipv4Address.parse("198.18.9.50"),
                MacAddress.parse("02:11:22:33:44:55")));
    }

    @Test
    void aReplyNamesItsSenderToo() {
        String reply = REQUEST.substring(0, 12) + "0002" + REQUEST.substring(16);
        assertThat(read(reply)).isInstanceOf(ArpFrames.Claimed.class);
    }

    @Test
    void aProbeFromZeroClaimsNothing() {
        String probe = REQUEST.substring(0, 28) + "00000000" + REQUEST.substring(36);
        assertThat(read(probe)).isEqualTo(new ArpFrames.Dropped(ArpDrop.PROBE));
    }

    @Test
    void otherHardwareOrProtocolTypesAreNotOurs() {
        assertThat(read("0006" + REQUEST.substring(4))).isEqualTo(new ArpFrames.Dropped(ArpDrop.NOT_ETHERNET_IPV4));
        assertThat(read(REQUEST.substring(0, 4) + "86dd" + REQUEST.substring(8)))
                .isEqualTo(new ArpFrames.Dropped(ArpDrop.NOT_ETHERNET_IPV4));
        assertThat(read(REQUEST.substring(0, 8) + "0806" + REQUEST.substring(12)))
                .isEqualTo(new ArpFrames.Dropped(ArpDrop.NOT_ETHERNET_IPV4));
    }

    @Test
    void truncatedUnknownOperationsAndImpossibleSendersAreMalformed() {
        assertThat(read(REQUEST.substring(0, 54))).isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        assertThat(ArpFrames.read(HexFormat.of().parseHex(REQUEST), 27)).isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        assertThat(read(REQUEST.substring(0, 12) + "0009" + REQUEST.substring(16))).isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        assertThat(read(REQUEST.substring(0, 16) + "ffffffffffff" + REQUEST.substring(28)))
                .isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        assertThat(read(REQUEST.substring(0, 16) + "000000000000" + REQUEST.substring(28)))
                .isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        for (String sender : new String[] {"7f000001", "e0000001", "ffffffff"}) {
            assertThat(read(REQUEST.substring(0, 28) + sender + REQUEST.substring(36))).as(sender)
                    .isEqualTo(new ArpFrames.Dropped(ArpDrop.MALFORMED));
        }
    }

    @Test
    void anyBytesAtAllGiveAVerdictNeverAnException() {
        var random = new java.util.Random(826);
        for (int i = 0; i < 10_000; i++) {
            byte[] frame = new byte[random.nextInt(64)];
            random.nextBytes(frame);
            assertThat(ArpFrames.read(frame, frame.length)).isNotNull();
        }
    }
}
