package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.CONFIRM;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.DECLINE;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.INFORMATION_REQUEST;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.REBIND;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.RELEASE;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.RENEW;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.REQUEST;
import static io.leaseledger.wire.dhcp6.Dhcp6MessageType.SOLICIT;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.SERVER_DUID;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.clientId;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.elapsed;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.ia;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.message;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.oro;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.relayed;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.serverId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Dhcp6ResponderTest {

    private static final Dhcp6Link RACK = new Dhcp6Link(Ipv6Prefix.parse("2001:2:0:1::/64"), Optional.of("eth1"),
            List.of(Ipv6Prefix.address("2001:2:0:1::53"), Ipv6Prefix.address("2001:2:0:1::54")),
            List.of("maas.example"), List.of(Ipv6Prefix.address("2001:2:0:1::123")), Optional.of(Duration.ofHours(2)));
    private static final Dhcp6Link RELAYED = new Dhcp6Link(Ipv6Prefix.parse("2001:2:0:2::/64"), Optional.empty(),
            List.of(Ipv6Prefix.address("2001:2:0:2::53")), List.of(), Optional.empty());
    private static final Optional<String> ETH1 = Optional.of("eth1");

    private final Dhcp6Responder responder = new Dhcp6Responder(SERVER_DUID, List.of(RACK, RELAYED));

    @Test
    void answersAnInformationRequestWithWhatTheClientAskedForInItsOrder() {
        var answer = answered(message(INFORMATION_REQUEST, clientId(), oro(32, 24, 23, 39), elapsed()), ETH1);

        var reply = (Dhcp6Packet.Message) answer.packet();
        assertThat(answer.reply()).isEqualTo(Dhcp6MessageType.REPLY);
        assertThat(answer.request()).contains(INFORMATION_REQUEST);
        assertThat(reply.transactionId()).isEqualTo(0xc0ffee);
        assertThat(reply.options()).extracting(Dhcp6Option::code).containsExactly(2, 1, 32, 24, 23);
        assertThat(reply.option(Dhcp6Options.SERVERID).orElseThrow().data()).isEqualTo(SERVER_DUID.bytes());
        assertThat(reply.option(Dhcp6Options.CLIENTID)).contains(clientId());
        assertThat(Dhcp6Options.addresses(reply.option(Dhcp6Options.DNS_SERVERS).orElseThrow())).isEqualTo(RACK.dnsServers());
        assertThat(reply.option(Dhcp6Options.DOMAIN_LIST).orElseThrow().data())
                .isEqualTo(Dhcp6Options.domainList(List.of("maas.example")).data());
        assertThat(reply.option(Dhcp6Options.INFORMATION_REFRESH_TIME).orElseThrow().data()).isEqualTo(new byte[] {0, 0, 0x1c, 0x20});
        assertThat(answer.relayed()).isFalse();
    }

    @Test
    void givesTheLinksNtpServersAsOption56OrAsSntpOption31WhicheverIsAsked() {
        var reply = (Dhcp6Packet.Message) answered(message(INFORMATION_REQUEST, clientId(), oro(56, 31)), ETH1).packet();

        assertThat(reply.options()).extracting(Dhcp6Option::code).containsExactly(2, 1, 56, 31);
        assertThat(Dhcp6Options.ntpServers(reply.option(Dhcp6Options.NTP_SERVER).orElseThrow())).isEqualTo(RACK.ntpServers());
        assertThat(Dhcp6Options.addresses(reply.option(Dhcp6Options.SNTP_SERVERS).orElseThrow())).isEqualTo(RACK.ntpServers());
        var relayReply = (Dhcp6Packet.Relay) answered(relayed("2001:2:0:2::1",
                message(INFORMATION_REQUEST, clientId(), oro(56, 31))), Optional.empty()).packet();
        assertThat(((Dhcp6Packet.Message) relayReply.relayed()).options()).extracting(Dhcp6Option::code)
                .as("a link without NTP servers").containsExactly(2, 1);
    }

    @Test
    void anInformationRequestWithoutClientIdOrOptionRequestGetsTheServerIdentifierOnly() {
        var reply = (Dhcp6Packet.Message) answered(message(INFORMATION_REQUEST, elapsed()), ETH1).packet();

        assertThat(reply.options()).extracting(Dhcp6Option::code).containsExactly(2);
    }

    @Test
    void leavesOutWhatTheLinkDoesNotHave() {
        var relayReply = (Dhcp6Packet.Relay) answered(relayed("2001:2:0:2::1",
                message(INFORMATION_REQUEST, clientId(), oro(23, 24, 32))), Optional.empty()).packet();

        var inner = (Dhcp6Packet.Message) relayReply.relayed();
        assertThat(inner.options()).extracting(Dhcp6Option::code).containsExactly(2, 1, 23);
    }

    @Test
    void discardsInformationRequestsRfc8415Section16Refuses() {
        assertDropped(message(INFORMATION_REQUEST, clientId(), ia(Dhcp6Options.IA_NA)), ETH1, Dhcp6Drop.INVALID);
        assertDropped(message(INFORMATION_REQUEST, clientId(), serverId(Dhcp6Packets.OTHER_SERVER)), ETH1,
                Dhcp6Drop.OTHER_SERVER);
        assertThat(answered(message(INFORMATION_REQUEST, clientId(), serverId(SERVER_DUID)), ETH1).reply())
                .isEqualTo(Dhcp6MessageType.REPLY);
    }

    @Test
    void answersNothingOnALinkItHasNoConfigurationFor() {
        assertDropped(message(INFORMATION_REQUEST, clientId()), Optional.of("eth9"), Dhcp6Drop.NO_LINK);
        assertDropped(message(INFORMATION_REQUEST, clientId()), Optional.empty(), Dhcp6Drop.NO_LINK);
        assertDropped(relayed("2001:2:0:9::1", message(INFORMATION_REQUEST, clientId())), Optional.empty(), Dhcp6Drop.NO_LINK);
        assertDropped(relayed("::", message(INFORMATION_REQUEST, clientId())), Optional.empty(), Dhcp6Drop.NO_LINK);
    }

    @Test
    void answersARelayedRequestInsideARelayReplyThatMirrorsTheRelayForward() {
        var interfaceId = new Dhcp6Option(Dhcp6Options.INTERFACE_ID, "ge-0/0/1".getBytes());
        byte[] datagram = relayed("2001:2:0:1::1", message(INFORMATION_REQUEST, clientId(), oro(23)), interfaceId);

        var answer = answered(datagram, Optional.empty());

        var forward = (Dhcp6Packet.Relay) Dhcp6Codec.decode(datagram);
        var relayReply = (Dhcp6Packet.Relay) answer.packet();
        assertThat(relayReply.type()).isEqualTo(Dhcp6MessageType.RELAY_REPL.value());
        assertThat(relayReply.hopCount()).isEqualTo(forward.hopCount());
        assertThat(relayReply.linkAddress()).isEqualTo(forward.linkAddress());
        assertThat(relayReply.peerAddress()).isEqualTo(forward.peerAddress());
        assertThat(relayReply.options()).extracting(Dhcp6Option::code).containsExactly(18, 9);
        assertThat(relayReply.option(Dhcp6Options.INTERFACE_ID)).contains(interfaceId);
        var inner = (Dhcp6Packet.Message) relayReply.relayed();
        assertThat(inner.type()).isEqualTo(Dhcp6MessageType.REPLY.value());
        assertThat(Dhcp6Options.addresses(inner.option(Dhcp6Options.DNS_SERVERS).orElseThrow())).isEqualTo(RACK.dnsServers());
        assertThat(answer.relayed()).isTrue();
        assertThat(answer.toSourcePort()).isFalse();
        assertThat(answer.link()).isEqualTo(RACK);
    }

    @Test
    void throughTwoRelaysPicksTheLinkOfTheRelayNearestTheClientAndWrapsTwice() {
        byte[] twice = relayed("2001:2:0:2::1", relayed("2001:2:0:1::1", message(INFORMATION_REQUEST, clientId())));

        var answer = answered(twice, Optional.empty());

        assertThat(answer.link()).isEqualTo(RACK);
        var outer = (Dhcp6Packet.Relay) answer.packet();
        var inner = (Dhcp6Packet.Relay) outer.relayed();
        assertThat(outer.linkAddress()).isEqualTo(Ipv6Prefix.address("2001:2:0:2::1"));
        assertThat(inner.linkAddress()).isEqualTo(Ipv6Prefix.address("2001:2:0:1::1"));
        assertThat(inner.relayed().type()).isEqualTo(Dhcp6MessageType.REPLY.value());
    }

    @Test
    void answersTheOutermostRelayOnItsSourcePortWhenItAsks() {
        byte[] datagram = relayed("2001:2:0:1::1", message(INFORMATION_REQUEST, clientId()),
                new Dhcp6Option(Dhcp6Options.RELAY_SOURCE_PORT, new byte[2]));

        assertThat(answered(datagram, Optional.empty()).toSourcePort()).isTrue();
    }

    @Test
    void advertisesThatItHasNoAddressesToASolicit() {
        var advertise = (Dhcp6Packet.Message) answered(
                message(SOLICIT, clientId(), ia(Dhcp6Options.IA_NA), oro(23), elapsed()), ETH1).packet();

        assertThat(advertise.type()).isEqualTo(Dhcp6MessageType.ADVERTISE.value());
        assertThat(advertise.options()).extracting(Dhcp6Option::code).containsExactly(2, 1, 13);
        assertThat(Dhcp6Options.statusCode(advertise.option(Dhcp6Options.STATUS_CODE).orElseThrow())).isEqualTo(2);
    }

    @Test
    void repliesToARequestWithEachIdentityAssociationEmpty() {
        var reply = (Dhcp6Packet.Message) answered(message(REQUEST, clientId(), serverId(SERVER_DUID),
                ia(Dhcp6Options.IA_NA, Ipv6Prefix.address("2001:2:0:1::7")), ia(Dhcp6Options.IA_PD)), ETH1).packet();

        assertThat(reply.options()).extracting(Dhcp6Option::code).containsExactly(2, 1, 3, 25);
        assertThat(iaStatus(reply, Dhcp6Options.IA_NA)).isEqualTo(Dhcp6Options.StatusCode.NO_ADDRS_AVAIL.value());
        assertThat(iaStatus(reply, Dhcp6Options.IA_PD)).isEqualTo(Dhcp6Options.StatusCode.NO_PREFIX_AVAIL.value());
        assertThat(Dhcp6Options.identityAssociation(reply.option(Dhcp6Options.IA_NA).orElseThrow()).addresses()).isEmpty();
    }

    @Test
    void hasNoBindingToRenewReleaseOrDeclineAndStaysSilentOnARebind() {
        Dhcp6Option address = ia(Dhcp6Options.IA_NA, Ipv6Prefix.address("2001:2:0:1::7"));

        var renew = (Dhcp6Packet.Message) answered(message(RENEW, clientId(), serverId(SERVER_DUID), address), ETH1).packet();
        assertThat(iaStatus(renew, Dhcp6Options.IA_NA)).isEqualTo(Dhcp6Options.StatusCode.NO_BINDING.value());
        for (Dhcp6MessageType type : List.of(RELEASE, DECLINE)) {
            var reply = (Dhcp6Packet.Message) answered(message(type, clientId(), serverId(SERVER_DUID), address), ETH1).packet();
            assertThat(iaStatus(reply, Dhcp6Options.IA_NA)).isEqualTo(Dhcp6Options.StatusCode.NO_BINDING.value());
            assertThat(Dhcp6Options.statusCode(reply.option(Dhcp6Options.STATUS_CODE).orElseThrow())).isZero();
        }
        assertDropped(message(REBIND, clientId(), address), ETH1, Dhcp6Drop.SILENT);
    }

    @Test
    void confirmsAddressesOnTheLinkAndRefusesOthers() {
        var onLink = (Dhcp6Packet.Message) answered(message(CONFIRM, clientId(),
                ia(Dhcp6Options.IA_NA, Ipv6Prefix.address("2001:2:0:1::7"))), ETH1).packet();
        var offLink = (Dhcp6Packet.Message) answered(message(CONFIRM, clientId(),
                ia(Dhcp6Options.IA_NA, Ipv6Prefix.address("2001:2:0:1::7"), Ipv6Prefix.address("2001:2:0:5::7"))), ETH1).packet();

        assertThat(Dhcp6Options.statusCode(onLink.option(Dhcp6Options.STATUS_CODE).orElseThrow())).isZero();
        assertThat(Dhcp6Options.statusCode(offLink.option(Dhcp6Options.STATUS_CODE).orElseThrow()))
                .isEqualTo(Dhcp6Options.StatusCode.NOT_ON_LINK.value());
        assertDropped(message(CONFIRM, clientId(), ia(Dhcp6Options.IA_NA)), ETH1, Dhcp6Drop.SILENT);
    }

    @Test
    void discardsStatefulMessagesMissingTheIdentifiersSection16Requires() {
        assertDropped(message(SOLICIT), ETH1, Dhcp6Drop.INVALID);
        assertDropped(message(SOLICIT, clientId(), serverId(SERVER_DUID)), ETH1, Dhcp6Drop.INVALID);
        assertDropped(message(REQUEST, clientId()), ETH1, Dhcp6Drop.INVALID);
        assertDropped(message(RENEW, clientId(), serverId(Dhcp6Packets.OTHER_SERVER)), ETH1, Dhcp6Drop.OTHER_SERVER);
        assertDropped(message(CONFIRM, clientId(), serverId(SERVER_DUID)), ETH1, Dhcp6Drop.INVALID);
    }

    @Test
    void dropsWhatIsNotARequestAndWhatIsNotAMessageCountingWhy() {
        assertDropped(message(Dhcp6MessageType.ADVERTISE, clientId()), ETH1, Dhcp6Drop.NOT_A_REQUEST);
        assertDropped(Dhcp6Codec.encode(new Dhcp6Packet.Message(200, 1, List.of())), ETH1, Dhcp6Drop.NOT_A_REQUEST);
        byte[] relayReply = relayed("2001:2:0:1::1", message(INFORMATION_REQUEST, clientId()));
        relayReply[0] = (byte) Dhcp6MessageType.RELAY_REPL.value();
        assertDropped(relayReply, Optional.empty(), Dhcp6Drop.NOT_A_REQUEST);
        assertDropped(new byte[] {11, 0}, ETH1, Dhcp6Drop.MALFORMED);
        assertDropped(message(INFORMATION_REQUEST, clientId(), new Dhcp6Option(Dhcp6Options.ORO, new byte[3])), ETH1,
                Dhcp6Drop.MALFORMED);
    }

    private static int iaStatus(Dhcp6Packet.Message reply, int code) {
        var ia = Dhcp6Options.identityAssociation(reply.option(code).orElseThrow());
        return Dhcp6Options.statusCode(ia.options().stream()
                .filter(o -> o.code() == Dhcp6Options.STATUS_CODE).findFirst().orElseThrow());
    }

    private Dhcp6Responder.Answer answered(byte[] datagram, Optional<String> ingress) {
        var outcome = responder.respond(datagram, ingress);
        assertThat(outcome).isInstanceOf(Dhcp6Responder.Answer.class);
        var answer = (Dhcp6Responder.Answer) outcome;
        // What leaves is what the codec writes and reads back the same.
        assertThat(Dhcp6Codec.decode(Dhcp6Codec.encode(answer.packet()))).isEqualTo(answer.packet());
        return answer;
    }

    private void assertDropped(byte[] datagram, Optional<String> ingress, Dhcp6Drop reason) {
        assertThat(responder.respond(datagram, ingress)).isInstanceOfSatisfying(Dhcp6Responder.Dropped.class,
                d -> assertThat(d.reason()).as(d.detail()).isEqualTo(reason));
    }
}
