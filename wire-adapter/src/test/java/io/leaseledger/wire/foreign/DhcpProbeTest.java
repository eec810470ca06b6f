package io.leaseledger.wire.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DhcpProbeTest {
    private static final byte[] NIC = HexFormat.of().parseHex("525400aabbcc");

    @Test
    void theProbesClientAddressIsTheInterfacesWithTheLocalBitFlipped() {
        assertThat(HexFormat.of().formatHex(DhcpProbe.clientAddress(NIC))).isEqualTo("505400aabbcc");
        assertThat(HexFormat.of().formatHex(DhcpProbe.clientAddress(HexFormat.of().parseHex("02aabbccddee"))))
                .isEqualTo("00aabbccddee");
        assertThat(NIC[0]).as("the interface's address is not changed").isEqualTo((byte) 0x52);
    }

    @Test
    void theDatagramIsABroadcastDiscoverFromPort68WithAValidHeaderChecksum() {
        byte[] packet = DhcpProbe.datagram(DhcpProbe.clientAddress(NIC), 0x1234abcd);
        ByteBuffer b = ByteBuffer.wrap(packet);

        assertThat(b.get(0)).isEqualTo((byte) 0x45);
        assertThat(b.getShort(2) & 0xffff).isEqualTo(packet.length);
        assertThat(b.get(9)).as("UDP").isEqualTo((byte) 17);
        assertThat(b.getInt(12)).as("from 0.0.0.0").isZero();
        assertThat(b.getInt(16)).as("to 255.255.255.255").isEqualTo(-1);
        assertThat(DhcpProbe.checksum(packet, 20)).as("a header with its checksum sums to 0").isZero();
        assertThat(b.getShort(20)).isEqualTo((short) 68);
        assertThat(b.getShort(22)).isEqualTo((short) 67);
        assertThat(b.getShort(24) & 0xffff).isEqualTo(packet.length - 20);

        Dhcp4Message discover = Dhcp4Decoder.decode(packet, 28, packet.length - 28);
        assertThat(discover.messageType()).isEqualTo(MessageType.DISCOVER);
        assertThat(discover.broadcast()).as("answers come back broadcast, where the listener hears them").isTrue();
        assertThat(discover.xid()).isEqualTo(0x1234abcd);
        assertThat(discover.hardwareAddressString()).isEqualTo("50:54:00:aa:bb:cc");
    }

    @Test
    void theChecksumIsRfc1071s() {
        // RFC 1071 §3's example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, so its checksum is 220d.
        assertThat(DhcpProbe.checksum(HexFormat.of().parseHex("0001f203f4f5f6f7"), 8)).isEqualTo((short) 0x220d);
        assertThat(DhcpProbe.checksum(HexFormat.of().parseHex("0001f2"), 3)).isEqualTo((short) ~0xf201);
    }
}
