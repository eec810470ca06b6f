package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6Packets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.wire.dhcp6.Dhcp6DecodeException.Reason;
import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhcp6CodecTest {

    /** dhclient -6 -S's Information-request, as captured: Client Identifier, ORO, Elapsed Time. */
    private static final byte[] INFORMATION_REQUEST = hex("0b 8f3c21"
            + " 0001 000a 0003 0001 020000000007"
            + " 0006 0008 0017 0018 0020 0027"
            + " 0008 0002 0000");

    @Test
    void decodesAClientMessageWithItsOptionsInWireOrder() {
        var message = (Dhcp6Packet.Message) Dhcp6Codec.decode(INFORMATION_REQUEST);

        assertThat(Dhcp6MessageType.of(message.type())).contains(Dhcp6MessageType.INFORMATION_REQUEST);
        assertThat(message.transactionId()).isEqualTo(0x8f3c21);
        assertThat(message.options()).extracting(Dhcp6Option::code).containsExactly(1, 6, 8);
        assertThat(message.option(Dhcp6Options.CLIENTID).orElseThrow().data()).isEqualTo(Dhcp6Packets.CLIENT_DUID.bytes());
        assertThat(Dhcp6Options.requested(message.option(Dhcp6Options.ORO).orElseThrow())).containsExactly(23, 24, 32, 39);
    }

    @Test
    void encodesWhatItDecodedByteForByteUnknownOptionsIncluded() {
        byte[] withUnknown = hex("0b 000001 fffe 0003 abcdef 0001 000a 0003 0001 020000000007 0010 0000");

        assertThat(Dhcp6Codec.encode(Dhcp6Codec.decode(INFORMATION_REQUEST))).isEqualTo(INFORMATION_REQUEST);
        assertThat(Dhcp6Codec.encode(Dhcp6Codec.decode(withUnknown))).isEqualTo(withUnknown);
    }

    @Test
    void decodesARelayForwardAndTheMessageItCarries() {
        byte[] datagram = Dhcp6Packets.relayed("2001:2:0:1::1", INFORMATION_REQUEST,
                new Dhcp6Option(Dhcp6Options.INTERFACE_ID, "eth0".getBytes()));

        var relay = (Dhcp6Packet.Relay) Dhcp6Codec.decode(datagram);

        assertThat(relay.type()).isEqualTo(Dhcp6MessageType.RELAY_FORW.value());
        assertThat(relay.linkAddress()).isEqualTo(Ipv6Prefix.address("2001:2:0:1::1"));
        assertThat(relay.peerAddress()).isEqualTo(Ipv6Prefix.address("fe80::2:ff:fe00:7"));
        assertThat(relay.relayed()).isEqualTo(Dhcp6Codec.decode(INFORMATION_REQUEST));
        assertThat(Dhcp6Codec.encode(relay)).isEqualTo(datagram);
    }

    @Test
    void keepsAnIpv4MappedRelayAddressAnIpv6Address() {
        byte[] datagram = Dhcp6Packets.relayed(Dhcp6Codec.address(hex("00000000000000000000ffffc6120001"), 0),
                INFORMATION_REQUEST);

        var relay = (Dhcp6Packet.Relay) Dhcp6Codec.decode(datagram);

        assertThat(relay.linkAddress()).isInstanceOf(Inet6Address.class);
        assertThat(Dhcp6Codec.encode(relay)).isEqualTo(datagram);
    }

    @Test
    void refusesTruncatedHeadersAndOptionsWithTheirReason() {
        assertReason(new byte[0], Reason.TRUNCATED_HEADER);
        assertReason(hex("0b 0000"), Reason.TRUNCATED_HEADER);
        assertReason(hex("0c 00 2001000200000000"), Reason.TRUNCATED_HEADER);
        assertReason(hex("0b 000001 0001 00"), Reason.TRUNCATED_OPTION);
        assertReason(hex("0b 000001 0001 0005 0102"), Reason.TRUNCATED_OPTION);
    }

    @Test
    void refusesARelayWhoseRelayedMessageIsMalformedOrNestedTooDeep() {
        assertReason(Dhcp6Packets.relayed("2001:2::1", hex("0b 00")), Reason.TRUNCATED_HEADER);

        byte[] nested = INFORMATION_REQUEST;
        for (int i = 0; i <= Dhcp6Codec.MAX_RELAY_DEPTH; i++) {
            nested = Dhcp6Packets.relayed("2001:2::1", nested);
        }
        assertReason(nested, Reason.BAD_RELAY);
    }

    @Test
    void aRelayWithoutItsRelayMessageDecodesButHasNothingToUnwrap() {
        var relay = (Dhcp6Packet.Relay) Dhcp6Codec.decode(Dhcp6Codec.encode(new Dhcp6Packet.Relay(
                Dhcp6MessageType.RELAY_FORW.value(), 1, Ipv6Prefix.address("2001:2::1"), Ipv6Prefix.address("fe80::1"),
                List.of())));

        assertThatThrownBy(relay::relayed).isInstanceOfSatisfying(Dhcp6DecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RELAY));
    }

    @Test
    void readsAndWritesTypedValues() {
        assertThatThrownBy(() -> Dhcp6Options.requested(new Dhcp6Option(Dhcp6Options.ORO, new byte[3])))
                .isInstanceOf(Dhcp6DecodeException.class);
        var ia = Dhcp6Options.identityAssociation(Dhcp6Packets.ia(Dhcp6Options.IA_NA, Ipv6Prefix.address("2001:2:0:1::7")));
        assertThat(ia.addresses()).containsExactly(Ipv6Prefix.address("2001:2:0:1::7"));
        assertThat(ia.iaid()).isEqualTo(Dhcp6Packets.IAID);

        var withStatus = Dhcp6Options.identityAssociation(Dhcp6Options.identityAssociationWithStatus(ia,
                Dhcp6Options.StatusCode.NO_BINDING, "none"));
        assertThat(withStatus.addresses()).isEmpty();
        assertThat(withStatus.options()).singleElement().satisfies(status ->
                assertThat(Dhcp6Options.statusCode(status)).isEqualTo(3));

        assertThat(Dhcp6Options.domainList(List.of("maas.example", "example")).data())
                .isEqualTo(hex("046d616173 076578616d706c65 00 076578616d706c65 00"));
        assertThat(Dhcp6Options.domainList(Dhcp6Options.domainList(List.of("maas.example", "example"))))
                .containsExactly("maas.example.", "example.");
        assertThatThrownBy(() -> Dhcp6Options.domainList(new Dhcp6Option(Dhcp6Options.DOMAIN_LIST, hex("046d616173"))))
                .isInstanceOf(Dhcp6DecodeException.class);
        assertThatThrownBy(() -> Dhcp6Options.domainList(new Dhcp6Option(Dhcp6Options.DOMAIN_LIST, hex("c00c"))))
                .isInstanceOf(Dhcp6DecodeException.class);
        assertThat(Dhcp6Options.uint32(Dhcp6Options.uint32(32, 7200))).isEqualTo(7200);
        Dhcp6Option ntp = Dhcp6Options.ntpServers(List.of(Ipv6Prefix.address("2001:2::123")));
        assertThat(ntp.data()).isEqualTo(hex("0001 0010 20010002000000000000000000000123"));
        assertThat(Dhcp6Options.ntpServers(ntp)).containsExactly(Ipv6Prefix.address("2001:2::123"));
        assertThatThrownBy(() -> Dhcp6Options.ntpServers(new Dhcp6Option(Dhcp6Options.NTP_SERVER, hex("0001 0004 01020304"))))
                .isInstanceOf(Dhcp6DecodeException.class);
        assertThat(Dhcp6Options.addresses(Dhcp6Options.addresses(Dhcp6Options.DNS_SERVERS,
                List.of(Ipv6Prefix.address("2001:2::53"))))).containsExactly(Ipv6Prefix.address("2001:2::53"));
    }

    private static void assertReason(byte[] datagram, Reason reason) {
        assertThatThrownBy(() -> Dhcp6Codec.decode(datagram)).isInstanceOfSatisfying(Dhcp6DecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
