package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6Packets.clientId;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.ia;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.message;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.oro;
import static io.leaseledger.wire.dhcp6.Dhcp6Packets.relayed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.wire.dhcp4.Tshark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wireshark's DHCPv6 dissector reads the replies as this server means them, with no expert warning. */
class Dhcp6TsharkCrossCheckTest {

    private static final Dhcp6Responder RESPONDER = new Dhcp6Responder(Dhcp6Packets.SERVER_DUID, List.of(
            new Dhcp6Link(Ipv6Prefix.parse("2001:2:0:1::/64"), Optional.of("eth1"),
                    List.of(Ipv6Prefix.address("2001:2:0:1::53")), List.of("maas.example", "rack1.example.org"),
                    List.of(Ipv6Prefix.address("2001:2:0:1::123")), Optional.of(Duration.ofHours(2)))));

    @BeforeAll
    static void needsTshark() {
        assumeTrue(Tshark.available(), "tshark is not installed (.ci/install-peers installs it)");
    }

    @Test
    void wiresharkReadsEveryReplyKindAsMeant() {
        var pcap = new Pcap6();
        pcap.add(reply(message(Dhcp6MessageType.INFORMATION_REQUEST, clientId(), oro(23, 24, 56, 31, 32)), Optional.of("eth1")));
        pcap.add(reply(message(Dhcp6MessageType.SOLICIT, clientId(), ia(Dhcp6Options.IA_NA)), Optional.of("eth1")));
        pcap.add(reply(relayed("2001:2:0:1::1", message(Dhcp6MessageType.INFORMATION_REQUEST, clientId(), oro(23)),
                new Dhcp6Option(Dhcp6Options.INTERFACE_ID, "eth0".getBytes())), Optional.empty()));

        List<Map<String, List<String>>> frames = Tshark.fields(pcap.bytes(), List.of("dhcpv6.msgtype", "dhcpv6.xid",
                "dhcpv6.dns_server", "dhcpv6.search_list_entry", "dhcpv6.status_code", "dhcpv6.lifetime",
                "dhcpv6.linkaddr", "dhcpv6.interface_id", "dhcpv6.duiduuid.bytes", "dhcpv6.ntpserver.addr", "dhcpv6.sntp_server", "_ws.expert.severity", "_ws.malformed"));

        assertThat(frames).hasSize(3);
        var information = frames.get(0);
        assertThat(information.get("dhcpv6.msgtype")).containsExactly("7");
        assertThat(information.get("dhcpv6.xid")).containsExactly("0xc0ffee");
        assertThat(information.get("dhcpv6.dns_server")).containsExactly("2001:2:0:1::53");
        assertThat(information.get("dhcpv6.search_list_entry")).containsExactly("maas.example.", "rack1.example.org.");
        assertThat(information.get("dhcpv6.lifetime")).containsExactly("7200");
        assertThat(information.get("dhcpv6.ntpserver.addr")).containsExactly("2001:2:0:1::123");
        assertThat(information.get("dhcpv6.sntp_server")).containsExactly("2001:2:0:1::123");
        assertThat(information.get("dhcpv6.duiduuid.bytes")).isNotEmpty();
        var advertise = frames.get(1);
        assertThat(advertise.get("dhcpv6.msgtype")).containsExactly("2");
        assertThat(advertise.get("dhcpv6.status_code")).containsExactly("2");
        var relayReply = frames.get(2);
        assertThat(relayReply.get("dhcpv6.msgtype")).containsExactly("13", "7");
        assertThat(relayReply.get("dhcpv6.linkaddr")).containsExactly("2001:2:0:1::1");
        assertThat(relayReply.get("dhcpv6.interface_id")).containsExactly("65746830"); // "eth0", as bytes
        for (var frame : frames) {
            assertThat(frame.get("_ws.malformed")).isEmpty();
            assertThat(frame.get("_ws.expert.severity")).allSatisfy(severity ->
                    assertThat(Long.decode(severity)).isLessThan(Tshark.SEVERITY_WARN));
        }
    }

    private static byte[] reply(byte[] request, Optional<String> ingress) {
        var outcome = RESPONDER.respond(request, ingress);
        assertThat(outcome).isInstanceOf(Dhcp6Responder.Answer.class);
        return Dhcp6Codec.encode(((Dhcp6Responder.Answer) outcome).packet());
    }
}
