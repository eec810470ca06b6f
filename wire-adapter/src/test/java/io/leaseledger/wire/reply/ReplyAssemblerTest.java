package io.leaseledger.wire.reply;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.leaseledger.wire.reply.Requests.client;
import static io.leaseledger.wire.reply.Requests.codes;
import static io.leaseledger.wire.reply.Requests.hex;
import static io.leaseledger.wire.reply.Requests.onTheWire;
import static io.leaseledger.wire.reply.Requests.profile;
import static io.leaseledger.wire.reply.Requests.snippet;
import static org.assertj.core.api.Assertions.assertThat;

/** Replies as a client reads them: built, encoded within the client's limit, decoded. */
class ReplyAssemblerTest {

    private static final Ipv4Address OFFERED = Ipv4Address.parse("198.18.0.100");
    private static final Decision OFFER = new Decision.Offer(OFFERED, LeaseTime.ofSeconds(600),
            LeaseTime.ofSeconds(300), LeaseTime.ofSeconds(525));
    private static final Decision ACK = new Decision.Ack(OFFERED, LeaseTime.ofSeconds(600),
            LeaseTime.ofSeconds(300), LeaseTime.ofSeconds(525), GrantKind.NEW);

    /** Routers, DNS servers, domain, NTP servers, and a site option marked always-send. */
    private static final ReplyProfile PROFILE = profile(List.of(
            snippet(3, "c6120001", false),
            snippet(6, "c6120002", false),
            snippet(15, "6c61622e6578616d706c65", false),
            snippet(42, "c6120002", false),
            snippet(224, "0102", true)), Optional.of(Hostname.of("node-01")), PxeBoot.NONE);

    private static Dhcp4Message reply(Dhcp4Message request, Decision decision, ReplyProfile profile) {
        return onTheWire(ReplyAssembler.reply(request, decision, profile).orElseThrow(), request);
    }

    @Test
    void anOfferCarriesTheLeaseThenWhatTheClientAskedForInItsOrder() {
        Dhcp4Message request = client(MessageType.DISCOVER, 42, 6, 12, 3, 1, 28).build();
        Dhcp4Message offer = reply(request, OFFER, PROFILE);

        assertThat(offer.messageType()).isEqualTo(MessageType.OFFER);
        assertThat(offer.op()).isEqualTo(Dhcp4Message.BOOTREPLY);
        assertThat(offer.xid()).isEqualTo(request.xid());
        assertThat(offer.yiaddr()).isEqualTo(OFFERED.value());
        // 53 54 51 58 59, then the PRL's order (28 is not configured), then the unasked: 15 basic, 224 always-send.
        assertThat(codes(offer)).containsExactly(53, 54, 51, 58, 59, 42, 6, 12, 3, 1, 15, 224);
        assertThat(offer.get(OptionCatalog.SERVER_IDENTIFIER)).map(Object::toString).contains("198.18.0.1");
        assertThat(offer.get(OptionCatalog.LEASE_TIME)).contains(600L);
        assertThat(offer.get(OptionCatalog.RENEWAL_TIME)).contains(300L);
        assertThat(offer.get(OptionCatalog.REBINDING_TIME)).contains(525L);
        assertThat(offer.get(OptionCatalog.SUBNET_MASK)).map(Object::toString).contains("255.255.255.0");
        assertThat(offer.get(OptionCatalog.HOST_NAME)).contains("node-01");
        assertThat(hex(offer.option(OptionCode.valueOf(224)).orElseThrow())).isEqualTo("0102");
    }

    @Test
    void optionsNotAskedForAreLeftOutUnlessBasicOrAlwaysSend() {
        Dhcp4Message ack = reply(client(MessageType.REQUEST, 1).build(), ACK, PROFILE);
        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
        assertThat(codes(ack)).containsExactly(53, 54, 51, 58, 59, 1, 3, 6, 15, 224);
    }

    @Test
    void aClientWithoutAParameterRequestListGetsEverythingConfigured() {
        Dhcp4Message offer = reply(client(MessageType.DISCOVER).build(), OFFER, PROFILE);
        assertThat(codes(offer)).containsExactly(53, 54, 51, 58, 59, 1, 3, 6, 12, 15, 42, 224);
    }

    @Test
    void theRelayAgentInformationIsEchoedByteForByteAndLast() {
        RelayAgentInformation info = RelayAgentInformation.of(
                RelayAgentInformation.circuitId("eth0:7".getBytes()), RelayAgentInformation.remoteId(new byte[] {1, 2, 3}));
        Dhcp4Message request = client(MessageType.REQUEST, 1, 3).giaddr(Ipv4Address.parse("198.18.1.1").value())
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, info).build();
        Dhcp4Message ack = reply(request, ACK, PROFILE);
        assertThat(codes(ack).getLast()).isEqualTo(82);
        assertThat(ack.option(OptionCode.RELAY_AGENT_INFORMATION)).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(request.option(OptionCode.RELAY_AGENT_INFORMATION).orElseThrow()));
        assertThat(ack.giaddr()).isEqualTo(request.giaddr());
    }

    @Test
    void theClientIdentifierIsEchoed() {
        Dhcp4Message request = client(MessageType.DISCOVER, 1).putOption(61, new byte[] {1, 0x52, 0x54, 0, 0x12, 0x34, 0x56}).build();
        Dhcp4Message offer = reply(request, OFFER, PROFILE);
        assertThat(hex(offer.option(OptionCode.CLIENT_IDENTIFIER).orElseThrow())).isEqualTo("01525400123456");
    }

    @Test
    void aNakCarriesOnlyWhatTable3Allows() {
        RelayAgentInformation info = RelayAgentInformation.of(RelayAgentInformation.circuitId(new byte[] {9}));
        Dhcp4Message request = client(MessageType.REQUEST, 1, 3, 6, 15, 42)
                .ciaddr(Ipv4Address.parse("198.18.0.77").value())
                .giaddr(Ipv4Address.parse("198.18.1.1").value())
                .putOption(61, new byte[] {1, 0x52, 0x54, 0, 0x12, 0x34, 0x56})
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, info).build();
        Dhcp4Message nak = reply(request, new Decision.Nak(NakReason.NO_SUCH_LEASE), PROFILE);

        assertThat(nak.messageType()).isEqualTo(MessageType.NAK);
        assertThat(codes(nak)).containsExactly(53, 61, 54, 56, 82);
        assertThat(new String(nak.option(OptionCode.valueOf(56)).orElseThrow())).isEqualTo("no lease for this client at this address");
        assertThat(nak.ciaddr()).isZero();
        assertThat(nak.yiaddr()).isZero();
        assertThat(nak.siaddr()).isZero();
        assertThat(nak.file()).isEmpty();
        assertThat(nak.broadcast()).as("a relayed NAK asks the relay to broadcast").isTrue();
    }

    @Test
    void silenceIsNoReply() {
        assertThat(ReplyAssembler.reply(client(MessageType.REQUEST).build(),
                new Decision.Silent(SilentReason.values()[0]), PROFILE)).isEmpty();
    }

    @Test
    void anInformIsAnsweredWithConfigurationButNoLease() {
        Ipv4Address clientAddress = Ipv4Address.parse("198.18.0.33");
        Dhcp4Message request = client(MessageType.INFORM, 1, 3, 6, 15, 51, 58, 59).ciaddr(clientAddress.value()).build();
        Dhcp4Message ack = onTheWire(ReplyAssembler.inform(request, PROFILE), request);

        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
        assertThat(ack.yiaddr()).isZero();
        assertThat(ack.ciaddr()).isEqualTo(clientAddress.value());
        assertThat(codes(ack)).doesNotContain(51, 58, 59).containsSubsequence(53, 54, 1, 3, 6, 15);
    }

    @Test
    void optionalOptionsAreDroppedToFitTheClientsMaximumMessageSize() {
        // Two 255-byte options the client asked for, after the basic ones; a 576-byte limit leaves
        // 308 bytes for options and the file/sname fields can take 190 more: one of the two must go.
        ReplyProfile big = profile(List.of(snippet(3, "c6120001", false),
                snippet(224, "aa".repeat(255), false), snippet(225, "bb".repeat(255), false),
                snippet(226, "cc".repeat(255), false)), Optional.empty(), PxeBoot.NONE);
        Dhcp4Message request = client(MessageType.DISCOVER, 1, 3, 224, 225, 226).build();
        Dhcp4Message offer = reply(request, OFFER, big);
        assertThat(codes(offer)).startsWith(53, 54, 51, 58, 59, 1, 3).contains(224).doesNotContain(226);
    }

    @Test
    void aUefiClientGetsNextServerAndItsBootFile() {
        Dhcp4Message request = Requests.pxe("PXEClient:Arch:00007:UNDI:003016", 7).build();
        Dhcp4Message offer = reply(request, OFFER, profile(List.of(), Optional.empty(), Requests.lab()));
        assertThat(Ipv4Address.of(offer.siaddr())).hasToString("198.18.0.5");
        assertThat(offer.file()).isEqualTo("bootx64.efi");
        assertThat(offer.sname()).isEqualTo("tftp.lab");
        assertThat(offer.get(OptionCatalog.TFTP_SERVER_NAME)).contains("tftp.lab");
        assertThat(offer.get(OptionCatalog.BOOTFILE_NAME)).contains("bootx64.efi");
        assertThat(offer.has(OptionCode.VENDOR_CLASS_IDENTIFIER)).isFalse();
    }

    @Test
    void aUefiHttpClientGetsAUrlAndHttpClientEchoedInOption60() {
        Dhcp4Message request = Requests.pxe("HTTPClient:Arch:00016:UNDI:003001", 16).build();
        Dhcp4Message offer = reply(request, OFFER, profile(List.of(), Optional.empty(), Requests.lab()));
        assertThat(offer.file()).isEqualTo("http://198.18.0.5/boot/bootx64.efi");
        assertThat(offer.get(OptionCatalog.VENDOR_CLASS_IDENTIFIER)).contains("HTTPClient");
    }

    @Test
    void iPxeGetsItsScriptUrl() {
        Dhcp4Message offer = reply(Requests.ipxe(7).build(), OFFER, profile(List.of(), Optional.empty(), Requests.lab()));
        assertThat(offer.file()).isEqualTo("http://198.18.0.5/boot.ipxe");
    }

    @Test
    void aBootUrlTooLongForTheFileFieldGoesInOption67() {
        String url = "http://198.18.0.5/" + "x".repeat(140) + ".ipxe";
        PxeBoot longScript = new PxeBoot(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(url));
        Dhcp4Message request = Requests.client(MessageType.DISCOVER, 1)
                .put(OptionCatalog.USER_CLASS, io.leaseledger.wire.dhcp4.UserClass.bare("iPXE")).build();
        Dhcp4Message offer = reply(request, OFFER, profile(List.of(), Optional.empty(), longScript));
        assertThat(offer.file()).isEmpty();
        assertThat(offer.get(OptionCatalog.BOOTFILE_NAME)).contains(url);
    }

    @Test
    void anOperatingSystemClientGetsNoBootFields() {
        Dhcp4Message offer = reply(client(MessageType.DISCOVER, 1, 3, 66, 67).build(), OFFER,
                profile(List.of(), Optional.empty(), Requests.lab()));
        assertThat(offer.siaddr()).isZero();
        assertThat(offer.file()).isEmpty();
        assertThat(codes(offer)).doesNotContain(66, 67);
    }
}
