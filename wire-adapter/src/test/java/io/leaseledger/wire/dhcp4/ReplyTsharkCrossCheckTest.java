package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;
import io.leaseledger.wire.reply.ReplyAssembler;
import io.leaseledger.wire.reply.ReplyProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark as an independent reader of the replies the assembler builds (OFFER with PXE, UEFI
 * HTTP boot, a relayed ACK, a NAK, an INFORM answer, a reply trimmed to 576 bytes): tshark must
 * read every field as our decoder does and find nothing to warn about. Skips without tshark.
 */
@Tag("peer")
class ReplyTsharkCrossCheckTest {

    private static final Ipv4Address OFFERED = Ipv4Address.parse("198.18.0.100");
    private static final Decision OFFER = new Decision.Offer(OFFERED, LeaseTime.ofSeconds(600), LeaseTime.ofSeconds(300),
            LeaseTime.ofSeconds(525));
    private static final Decision ACK = new Decision.Ack(OFFERED, LeaseTime.ofSeconds(600), LeaseTime.ofSeconds(300),
            LeaseTime.ofSeconds(525), GrantKind.NEW);
    private static final PxeBoot PXE = new PxeBoot(Optional.of(Ipv4Address.parse("198.18.0.5")),
            Optional.of("tftp.lab"), Optional.of("lpxelinux.0"), Optional.of("bootx64.efi"), Optional.of("bootaa64.efi"),
            Optional.of("http://198.18.0.5/boot/bootx64.efi"), Optional.empty(), Optional.of("http://198.18.0.5/boot.ipxe"));
    private static final ReplyProfile PROFILE = new ReplyProfile(Ipv4Address.parse("198.18.0.1"),
            Cidr.parse("198.18.0.0/24"), List.of(
                    snippet(3, "c6120001"), snippet(6, "c6120002"), snippet(15, "6c61622e6578616d706c65"),
                    snippet(42, "c6120002"), snippet(119, "036c6162076578616d706c6500"),
                    snippet(224, "ff".repeat(200)), snippet(225, "ee".repeat(200))),
            Optional.of(Hostname.of("node-01")), PXE);

    private static OptionSnippet snippet(int code, String hex) {
        return new OptionSnippet(code, HexFormat.of().parseHex(hex), false);
    }

    private static Dhcp4MessageBuilder client(MessageType type, int... prl) {
        return Dhcp4Message.builder().xid(0x55aa0001).ethernet(HexFormat.of().parseHex("525400123456")).messageType(type)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, java.util.Arrays.stream(prl).mapToObj(OptionCode::valueOf).toList());
    }

    private static Map<String, byte[]> replies() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Dhcp4Message pxe = client(MessageType.DISCOVER, 1, 3, 6, 12, 15, 66, 67)
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:00007:UNDI:003016")
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.of(7))).build();
        out.put("PXE UEFI offer", encode(ReplyAssembler.reply(pxe, OFFER, PROFILE).orElseThrow(), pxe));
        Dhcp4Message http = client(MessageType.DISCOVER, 1, 3, 60, 67)
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "HTTPClient:Arch:00016:UNDI:003001")
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.of(16))).build();
        out.put("HTTP boot offer", encode(ReplyAssembler.reply(http, OFFER, PROFILE).orElseThrow(), http));
        Dhcp4Message relayed = client(MessageType.REQUEST, 1, 3, 6, 42, 119).giaddr(Ipv4Address.parse("198.18.1.1"))
                .putOption(61, HexFormat.of().parseHex("01525400123456"))
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                        RelayAgentInformation.circuitId("eth0:7".getBytes()), RelayAgentInformation.remoteId(new byte[] {1, 2, 3})))
                .build();
        out.put("relayed ACK", encode(ReplyAssembler.reply(relayed, ACK, PROFILE).orElseThrow(), relayed));
        out.put("relayed NAK", encode(ReplyAssembler.reply(relayed, new Decision.Nak(NakReason.NOT_OFFERED), PROFILE)
                .orElseThrow(), relayed));
        Dhcp4Message inform = client(MessageType.INFORM, 1, 3, 6, 15, 42).ciaddr(Ipv4Address.parse("198.18.0.33")).build();
        out.put("INFORM answer", encode(ReplyAssembler.inform(inform, PROFILE), inform));
        Dhcp4Message greedy = client(MessageType.DISCOVER, 1, 3, 6, 15, 42, 119, 224, 225).build();
        out.put("trimmed to 576", encode(ReplyAssembler.reply(greedy, OFFER, PROFILE).orElseThrow(), greedy));
        return out;
    }

    private static byte[] encode(Dhcp4Message reply, Dhcp4Message request) {
        return Dhcp4Encoder.encode(reply, request.maxMessageSize());
    }

    @Test
    void tsharkReadsOurRepliesAsOurDecoderDoes() {
        assumeTrue(Tshark.available(), "tshark is not installed (Debian package tshark)");
        Map<String, byte[]> replies = replies();
        Pcap pcap = new Pcap();
        replies.values().forEach(pcap::add);
        List<Map<String, List<String>>> frames = Tshark.fields(pcap.bytes(), TsharkFieldView.tsharkFields());
        assertThat(frames).hasSize(replies.size());
        int i = 0;
        for (Map.Entry<String, byte[]> reply : replies.entrySet()) {
            Map<String, List<String>> frame = frames.get(i++);
            Dhcp4Message decoded = Dhcp4Decoder.decode(reply.getValue());
            assertThat(TsharkFieldView.differences(decoded, frame)).as(reply.getKey()).isEmpty();
            assertThat(frame.get("_ws.malformed")).as(reply.getKey()).isEmpty();
            List<String> severities = frame.get("_ws.expert.severity");
            for (String s : severities) {
                assertThat(Long.decode(s)).as(reply.getKey() + ": " + frame.get("_ws.expert.message")).isLessThan(Tshark.SEVERITY_WARN);
            }
        }
    }
}
