package io.leaseledger.wire.dhcp6;

import io.leaseledger.events.types.Duid;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Requests as clients and relays send them, for the codec's and the responder's tests. */
final class Dhcp6Packets {

    static final Duid CLIENT_DUID = Duid.parse("00:03:00:01:02:00:00:00:00:07");
    static final Duid SERVER_DUID = Duid.parse("00:04:5c:1a:0e:7b:39:8e:4e:0d:a2:1a:1b:61:3b:2c:05:6e");
    static final Duid OTHER_SERVER = Duid.parse("00:03:00:01:02:00:00:00:00:99");
    static final byte[] IAID = {0, 0, 0, 7};

    private Dhcp6Packets() {}

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", "").replace(":", ""));
    }

    static Dhcp6Option clientId() {
        return new Dhcp6Option(Dhcp6Options.CLIENTID, CLIENT_DUID.bytes());
    }

    static Dhcp6Option serverId(Duid duid) {
        return new Dhcp6Option(Dhcp6Options.SERVERID, duid.bytes());
    }

    static Dhcp6Option oro(int... codes) {
        byte[] b = new byte[codes.length * 2];
        for (int i = 0; i < codes.length; i++) {
            b[2 * i] = (byte) (codes[i] >>> 8);
            b[2 * i + 1] = (byte) codes[i];
        }
        return new Dhcp6Option(Dhcp6Options.ORO, b);
    }

    static Dhcp6Option elapsed() {
        return new Dhcp6Option(Dhcp6Options.ELAPSED_TIME, new byte[2]);
    }

    /** An IA_NA (or IA_PD) with T1/T2 zero and an IA Address option per address. */
    static Dhcp6Option ia(int code, Inet6Address... addresses) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(IAID);
        out.writeBytes(new byte[8]);
        List<Dhcp6Option> nested = new ArrayList<>();
        for (Inet6Address address : addresses) {
            var iaaddr = new ByteArrayOutputStream();
            iaaddr.writeBytes(address.getAddress());
            iaaddr.writeBytes(new byte[8]);
            nested.add(new Dhcp6Option(Dhcp6Options.IAADDR, iaaddr.toByteArray()));
        }
        Dhcp6Codec.writeOptions(out, nested);
        return new Dhcp6Option(code, out.toByteArray());
    }

    static byte[] message(Dhcp6MessageType type, Dhcp6Option... options) {
        return Dhcp6Codec.encode(new Dhcp6Packet.Message(type, 0x00c0ffee & 0xFFFFFF, List.of(options)));
    }

    static byte[] relayed(String linkAddress, byte[] inner, Dhcp6Option... extra) {
        return relayed(Ipv6Prefix.address(linkAddress), inner, extra);
    }

    static byte[] relayed(Inet6Address linkAddress, byte[] inner, Dhcp6Option... extra) {
        List<Dhcp6Option> options = new ArrayList<>(List.of(extra));
        options.add(new Dhcp6Option(Dhcp6Options.RELAY_MSG, inner));
        return Dhcp6Codec.encode(new Dhcp6Packet.Relay(Dhcp6MessageType.RELAY_FORW.value(), 0,
                linkAddress, Ipv6Prefix.address("fe80::2:ff:fe00:7"), options));
    }
}
