package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.ClientArch;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.dhcp4.UserClass;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Requests as clients send them, and the way back: a reply encoded and decoded as a client would read it. */
final class Requests {

    static final byte[] MAC = HexFormat.of().parseHex("525400123456");
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");
    static final Cidr SUBNET = Cidr.parse("198.18.0.0/24");

    private Requests() {}

    static Dhcp4MessageBuilder client(MessageType type, int... prl) {
        Dhcp4MessageBuilder b = Dhcp4Message.builder().xid(0x1234abcd).ethernet(MAC).messageType(type);
        if (prl.length > 0) {
            b.put(OptionCatalog.PARAMETER_REQUEST_LIST, Arrays.stream(prl).mapToObj(OptionCode::valueOf).toList());
        }
        return b;
    }

    static Dhcp4MessageBuilder pxe(String vendorClass, int arch) {
        return client(MessageType.DISCOVER, 1, 3, 66, 67)
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, vendorClass)
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.of(arch)));
    }

    static Dhcp4MessageBuilder ipxe(int arch) {
        return pxe("PXEClient:Arch:00007:UNDI:003016", arch).put(OptionCatalog.USER_CLASS, UserClass.bare("iPXE"));
    }

    static ReplyProfile profile(List<OptionSnippet> options, Optional<Hostname> hostname, PxeBoot pxe) {
        return new ReplyProfile(SERVER, SUBNET, options, hostname, pxe);
    }

    static OptionSnippet snippet(int code, String hex, boolean always) {
        return new OptionSnippet(code, HexFormat.of().parseHex(hex), always);
    }

    /** What a client receives: the reply through the encoder (at the request's size limit) and the decoder. */
    static Dhcp4Message onTheWire(Dhcp4Message reply, Dhcp4Message request) {
        return Dhcp4Decoder.decode(Dhcp4Encoder.encode(reply, request.maxMessageSize()));
    }

    static List<Integer> codes(Dhcp4Message m) {
        return java.util.stream.IntStream.range(0, m.optionCount()).mapToObj(i -> m.optionCode(i).value()).toList();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static PxeBoot lab() {
        return new PxeBoot(Optional.of(Ipv4Address.parse("198.18.0.5")), Optional.of("tftp.lab"),
                Optional.of("lpxelinux.0"), Optional.of("bootx64.efi"), Optional.of("bootaa64.efi"),
                Optional.of("http://198.18.0.5/boot/bootx64.efi"), Optional.of("http://198.18.0.5/boot/bootaa64.efi"),
                Optional.of("http://198.18.0.5/boot.ipxe"));
    }
}
