package io.leaseledger.wire.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** mDNS datagrams as the packet socket delivers them, built with dnsjava, and what each one names. */
class MdnsFramesTest {
    private static final byte[] MAC = {2, 0x11, 0x22, 0x33, 0x44, 0x55};
    private static final String SOURCE = "198.18.9.50";

    private static Record a(String name, String address) throws Exception {
        return new ARecord(Name.fromString(name), DClass.IN, 120, InetAddress.getByName(address));
    }

    private static byte[] response(Record... answers) {
        Message m = new Message(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.AA);
        for (Record r : answers) {
            m.addRecord(r, Section.ANSWER);
        }
        return m.toWire();
    }

    /** The DNS message as an IPv4/UDP datagram from {@code source}:5353 to 224.0.0.251:{@code port}. */
    private static byte[] datagram(String source, int port, byte[] dns) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28 + dns.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + dns.length)).putShort((short) 0).putShort((short) 0)
                .put((byte) 255).put((byte) 17).putShort((short) 0)
                .put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName("224.0.0.251").getAddress());
        b.putShort((short) 5353).putShort((short) port).putShort((short) (8 + dns.length)).putShort((short) 0);
        b.put(dns);
        return b.array();
    }

    private static MdnsFrames.Verdict read(byte[] datagram) {
        return MdnsFrames.read("br0", datagram, datagram.length, MAC);
    }

    @Test
    void aDeviceAnnouncingItsOwnAddressIsNamedInLowerCase() throws Exception {
        var verdict = read(datagram(SOURCE, 5353, response(a("BMC7.local.", SOURCE),
                new TXTRecord(Name.fromString("BMC7._http._tcp.local."), DClass.IN, 120, "path=/"))));
        assertThat(verdict).isEqualTo(new MdnsFrames.Named(List.of(new MdnsName("br0", Ipv4Address.parse(SOURCE),
                MacAddress.ethernet(MAC), "bmc7"))));
    }

    @Test
    void onlyWhatTheSenderSaysOfItsOwnAddressUnderLocalNamesIt() throws Exception {
        assertThat(read(datagram(SOURCE, 5353, response(a("other.local.", "198.18.9.51")))))
                .as("a name for another address").isEqualTo(new MdnsFrames.Dropped(MdnsDrop.NO_OWN_NAME));
        assertThat(read(datagram(SOURCE, 5353, response(a("bmc7.example.", SOURCE)))))
                .as("not under .local").isEqualTo(new MdnsFrames.Dropped(MdnsDrop.NO_OWN_NAME));
        assertThat(read(datagram(SOURCE, 5353, response(a("a.b.local.", SOURCE)))))
                .as("not one label").isEqualTo(new MdnsFrames.Dropped(MdnsDrop.NO_OWN_NAME));
        assertThat(read(datagram(SOURCE, 5353, response(a("anna\\032laptop.local.", SOURCE)))))
                .as("a space in the label").isEqualTo(new MdnsFrames.Dropped(MdnsDrop.NO_OWN_NAME));
        Message query = Message.newQuery(Record.newRecord(Name.fromString("bmc7.local."), Type.A, DClass.IN));
        query.addRecord(a("bmc7.local.", SOURCE), Section.ANSWER); // known-answer suppression: still a query
        assertThat(read(datagram(SOURCE, 5353, query.toWire())))
                .as("a query").isEqualTo(new MdnsFrames.Dropped(MdnsDrop.NO_OWN_NAME));
    }

    @Test
    void whatIsNoWholeMdnsDatagramIsDroppedNeverThrown() throws Exception {
        assertThat(read(datagram(SOURCE, 53, response(a("bmc7.local.", SOURCE)))))
                .isEqualTo(new MdnsFrames.Dropped(MdnsDrop.MALFORMED));
        assertThat(read(datagram(SOURCE, 5353, new byte[] {1, 2, 3})))
                .isEqualTo(new MdnsFrames.Dropped(MdnsDrop.UNDECODABLE));
        assertThat(MdnsFrames.read("br0", new byte[10], 10, MAC)).isEqualTo(new MdnsFrames.Dropped(MdnsDrop.MALFORMED));
        byte[] good = datagram(SOURCE, 5353, response(a("bmc7.local.", SOURCE)));
        assertThat(MdnsFrames.read("br0", good, good.length, new byte[0])).isEqualTo(new MdnsFrames.Dropped(MdnsDrop.MALFORMED));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] noise = good.clone();
            for (int n = random.nextInt(8); n >= 0; n--) {
                noise[28 + random.nextInt(noise.length - 28)] = (byte) random.nextInt(256);
            }
            assertThat(read(noise)).isNotNull();
        }
    }
}
