package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.leaseledger.wire.dhcp4.RawPackets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each catalogue option at the byte level: typed value → exact bytes, exact bytes → typed value, bad bytes → typed error. */
class OptionCatalogTest {

    private static <T> void pins(OptionDef<T> def, T value, String wireHex) {
        assertThat(hex(def.encode(value))).as("%s encodes", def).isEqualTo(wireHex.replace(" ", ""));
        assertThat(def.decode(hex(wireHex))).as("%s decodes", def).isEqualTo(value);
    }

    private static void rejects(OptionDef<?> def, String wireHex, Dhcp4DecodeException.Reason reason) {
        assertThatThrownBy(() -> def.decode(hex(wireHex)))
                .isInstanceOfSatisfying(Dhcp4DecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.option()).contains(def.code());
                });
    }

    private static Ipv4Address ip(String dotted) {
        return Ipv4Address.parse(dotted);
    }

    @Test
    void subnetMaskIsFourBytes() {
        pins(OptionCatalog.SUBNET_MASK, ip("255.255.254.0"), "fffffe00");
        rejects(OptionCatalog.SUBNET_MASK, "ffffff", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void addressListsAreMultiplesOfFour() {
        pins(OptionCatalog.ROUTERS, List.of(ip("198.18.0.1")), "c6120001");
        pins(OptionCatalog.DOMAIN_NAME_SERVERS, List.of(ip("198.18.0.2"), ip("198.18.0.3")), "c6120002 c6120003");
        pins(OptionCatalog.NTP_SERVERS, List.of(ip("198.18.0.1")), "c6120001");
        pins(OptionCatalog.TFTP_SERVER_ADDRESSES, List.of(ip("198.18.0.9"), ip("198.18.0.10")), "c6120009 c612000a");
        rejects(OptionCatalog.ROUTERS, "c61200", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.DOMAIN_NAME_SERVERS, "", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        assertThatThrownBy(() -> OptionCatalog.ROUTERS.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleAddressOptions() {
        pins(OptionCatalog.BROADCAST_ADDRESS, ip("198.18.1.255"), "c61201ff");
        pins(OptionCatalog.REQUESTED_IP_ADDRESS, ip("198.18.0.10"), "c612000a");
        pins(OptionCatalog.SERVER_IDENTIFIER, ip("198.18.0.1"), "c6120001");
        pins(OptionCatalog.SUBNET_SELECTION, ip("198.18.4.0"), "c6120400");
        rejects(OptionCatalog.SERVER_IDENTIFIER, "c612000101", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void textOptionsAreSingleByteCharactersWithTrailingNulsDropped() {
        pins(OptionCatalog.HOST_NAME, "node-07", "6e6f64652d3037");
        pins(OptionCatalog.DOMAIN_NAME, "maas.example", "6d6161732e6578616d706c65");
        pins(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient", "505845436c69656e74");
        pins(OptionCatalog.TFTP_SERVER_NAME, "198.18.0.1", "3139382e31382e302e31");
        pins(OptionCatalog.BOOTFILE_NAME, "pxelinux.0", "7078656c696e75782e30");
        assertThat(OptionCatalog.HOST_NAME.decode(hex("6e6f646500"))).isEqualTo("node");
        rejects(OptionCatalog.HOST_NAME, "", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void timesAreUnsigned32BitSeconds() {
        pins(OptionCatalog.LEASE_TIME, 3600L, "00000e10");
        pins(OptionCatalog.RENEWAL_TIME, 1800L, "00000708");
        pins(OptionCatalog.REBINDING_TIME, 0xFFFFFFFFL, "ffffffff");
        rejects(OptionCatalog.LEASE_TIME, "0e10", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        assertThatThrownBy(() -> OptionCatalog.LEASE_TIME.encode(-1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vendorSpecificAndIpxeEncapsulatedStayRaw() {
        assertThat(OptionCatalog.VENDOR_SPECIFIC.decode(hex("0104deadbeef"))).containsExactly(hex("0104deadbeef"));
        assertThat(OptionCatalog.VENDOR_SPECIFIC.encode(hex("0104deadbeef"))).containsExactly(hex("0104deadbeef"));
        assertThat(OptionCatalog.IPXE_ENCAPSULATED.decode(hex("b10501808610 0e"))).containsExactly(hex("b105018086100e"));
        assertThat(OptionCatalog.IPXE_ENCAPSULATED.encode(hex("1701 01"))).containsExactly(hex("170101"));
    }

    @Test
    void overloadIsOneTwoOrThree() {
        pins(OptionCatalog.OPTION_OVERLOAD, 3, "03");
        rejects(OptionCatalog.OPTION_OVERLOAD, "04", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
    }

    @Test
    void messageTypeIsOpen() {
        pins(OptionCatalog.MESSAGE_TYPE, MessageType.DISCOVER, "01");
        pins(OptionCatalog.MESSAGE_TYPE, MessageType.valueOf(200), "c8");
        assertThat(MessageType.valueOf(200).isKnown()).isFalse();
        assertThat(MessageType.valueOf(200).typeName()).isEqualTo("UNKNOWN(200)");
        rejects(OptionCatalog.MESSAGE_TYPE, "0101", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void parameterRequestListKeepsOrderAndUnknownCodes() {
        pins(OptionCatalog.PARAMETER_REQUEST_LIST,
                List.of(OptionCode.SUBNET_MASK, OptionCode.ROUTERS, OptionCode.valueOf(252), OptionCode.DOMAIN_SEARCH),
                "0103fc77");
        rejects(OptionCatalog.PARAMETER_REQUEST_LIST, "", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void maxMessageSizeIsSixteenBits() {
        pins(OptionCatalog.MAX_MESSAGE_SIZE, 1500, "05dc");
        rejects(OptionCatalog.MAX_MESSAGE_SIZE, "05", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void clientIdentifierKeepsItsTypeOctet() {
        assertThat(OptionCatalog.CLIENT_IDENTIFIER.decode(hex("01525400 12a3b4"))).containsExactly(hex("0152540012a3b4"));
        assertThat(OptionCatalog.CLIENT_IDENTIFIER.encode(hex("ff00000001"))).containsExactly(hex("ff00000001"));
        rejects(OptionCatalog.CLIENT_IDENTIFIER, "01", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void userClassReadsRfc3004InstancesAndTheBareIpxeString() {
        pins(OptionCatalog.USER_CLASS, UserClass.of("gold", "x"), "04676f6c64 0178");
        pins(OptionCatalog.USER_CLASS, UserClass.bare("iPXE"), "69505845");
        assertThat(OptionCatalog.USER_CLASS.decode(hex("69505845")).contains("iPXE")).isTrue();
        // A length byte that overruns means the bytes were never RFC 3004: read as one bare class.
        assertThat(OptionCatalog.USER_CLASS.decode(hex("0561"))).isEqualTo(UserClass.bare("\u0005a"));
        rejects(OptionCatalog.USER_CLASS, "", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void clientFqdnInCanonicalWireFormat() {
        pins(OptionCatalog.CLIENT_FQDN, ClientFqdn.wire(ClientFqdn.FLAG_S, "node.example."),
                "05 00 00 046e6f6465 076578616d706c65 00");
        ClientFqdn partial = OptionCatalog.CLIENT_FQDN.decode(hex("04 ff ff 046e6f6465"));
        assertThat(partial).isEqualTo(new ClientFqdn(ClientFqdn.FLAG_E, 255, 255, "node"));
        assertThat(partial.fullyQualified()).isFalse();
        assertThat(partial.canonicalWireFormat()).isTrue();
        assertThat(partial.serverUpdates()).isFalse();
    }

    @Test
    void clientFqdnInDeprecatedAscii() {
        pins(OptionCatalog.CLIENT_FQDN, new ClientFqdn(ClientFqdn.FLAG_N, 0, 0, "node.example"),
                "08 00 00 6e6f64652e6578616d706c65");
        assertThat(OptionCatalog.CLIENT_FQDN.decode(hex("080000")).name()).isEmpty();
    }

    @Test
    void clientFqdnRejectsBrokenNames() {
        rejects(OptionCatalog.CLIENT_FQDN, "0400", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLIENT_FQDN, "040000 056e6f6465", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.CLIENT_FQDN, "040000 c00c", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.CLIENT_FQDN, "040000 00 01", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
    }

    @Test
    void relayAgentInformationKeepsEverySubOption() {
        RelayAgentInformation info = RelayAgentInformation.of(
                RelayAgentInformation.circuitId(hex("65746830")),
                RelayAgentInformation.remoteId(hex("525400a1b2c3")),
                RelayAgentInformation.linkSelection(ip("198.18.2.0")),
                RelayAgentInformation.serverIdOverride(ip("198.18.2.1")),
                new RelayAgentInformation.SubOption(151, hex("abcd")));
        pins(OptionCatalog.RELAY_AGENT_INFORMATION, info,
                "0104 65746830 0206 525400a1b2c3 0504 c6120200 0b04 c6120201 9702 abcd");
        assertThat(info.circuitId()).hasValueSatisfying(v -> assertThat(v).containsExactly(hex("65746830")));
        assertThat(info.remoteId()).hasValueSatisfying(v -> assertThat(v).containsExactly(hex("525400a1b2c3")));
        assertThat(info.linkSelection()).contains(ip("198.18.2.0"));
        assertThat(info.serverIdOverride()).contains(ip("198.18.2.1"));
        assertThat(info.subOption(151)).isPresent();
    }

    @Test
    void relayAgentInformationRejectsOverrunsAndShortAddresses() {
        rejects(OptionCatalog.RELAY_AGENT_INFORMATION, "0105 657468", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.RELAY_AGENT_INFORMATION, "01", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.RELAY_AGENT_INFORMATION, "0503 c61202", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.RELAY_AGENT_INFORMATION, "0b05 c612020100", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void pxeClientArchitectureNdiAndMachineId() {
        pins(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.X64_UEFI, ClientArch.X86_BIOS), "0007 0000");
        pins(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID, new NetworkInterfaceId(NetworkInterfaceId.UNDI, 3, 16), "010310");
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        pins(OptionCatalog.CLIENT_MACHINE_ID, ClientMachineId.of(uuid), "00 00112233445566778899aabbccddeeff");
        assertThat(OptionCatalog.CLIENT_MACHINE_ID.decode(hex("0000112233445566778899aabbccddeeff")).uuid()).contains(uuid);
        assertThat(OptionCatalog.CLIENT_MACHINE_ID.decode(hex("01abcd")).uuid()).isEmpty();
        rejects(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, "000700", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, "00", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID, "0103", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLIENT_MACHINE_ID, "", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
    }

    @Test
    void domainSearchEncodesWithCompressionAndDecodesBothForms() {
        List<String> names = List.of("eng.example.com", "example.com", "maas");
        String compressed = "03656e67 076578616d706c65 03636f6d 00  c004  046d616173 00";
        String plain = "03656e67 076578616d706c65 03636f6d 00  076578616d706c65 03636f6d 00  046d616173 00";
        pins(OptionCatalog.DOMAIN_SEARCH, names, compressed);
        assertThat(hex(OptionCatalog.domainSearchUncompressed(names))).isEqualTo(plain.replace(" ", ""));
        assertThat(OptionCatalog.DOMAIN_SEARCH.decode(hex(plain))).isEqualTo(names);
    }

    @Test
    void domainSearchRejectsLoopsAndOverruns() {
        rejects(OptionCatalog.DOMAIN_SEARCH, "c000", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.DOMAIN_SEARCH, "03616263 c001", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.DOMAIN_SEARCH, "0361", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.DOMAIN_SEARCH, "03616263", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.DOMAIN_SEARCH, "4061 00", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.DOMAIN_SEARCH, "03612e62 00", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
    }

    @Test
    void classlessStaticRoutesCarryOnlySignificantDestinationOctets() {
        pins(OptionCatalog.CLASSLESS_STATIC_ROUTES, List.of(
                        ClasslessRoute.of("10.0.0.0", 8, "198.18.0.254"),
                        ClasslessRoute.of("10.229.0.128", 25, "198.18.0.253"),
                        ClasslessRoute.of("0.0.0.0", 0, "198.18.0.1")),
                "08 0a c61200fe  19 0ae50080 c61200fd  00 c6120001");
        rejects(OptionCatalog.CLASSLESS_STATIC_ROUTES, "21 0a000000 c6120001", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        rejects(OptionCatalog.CLASSLESS_STATIC_ROUTES, "18 0a0000 c61200", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLASSLESS_STATIC_ROUTES, "08 0b c612", Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH);
        rejects(OptionCatalog.CLASSLESS_STATIC_ROUTES, "07 0b c6120001", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
    }

    @Test
    void padAndEndCarryNoValue() {
        assertThat(OptionCatalog.PAD.format()).isEqualTo(OptionFormat.STRUCTURAL);
        assertThat(OptionCatalog.END.code()).isEqualTo(OptionCode.END);
        rejects(OptionCatalog.PAD, "", Dhcp4DecodeException.Reason.BAD_OPTION_VALUE);
        assertThatThrownBy(() -> OptionCatalog.END.encode(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogueListsEveryRequiredOptionOnceWithItsRfc() {
        int[] required = {0, 1, 3, 6, 12, 15, 28, 42, 43, 50, 51, 52, 53, 54, 55, 57, 58, 59, 60, 61, 66, 67, 77,
                81, 82, 93, 94, 97, 118, 119, 121, 150, 175, 255};
        for (int code : required) {
            assertThat(OptionCatalog.find(code)).as("option %d", code)
                    .hasValueSatisfying(def -> assertThat(def.rfc()).isNotBlank());
        }
        assertThat(OptionCatalog.all()).extracting(OptionDef::code).doesNotHaveDuplicates();
        assertThat(OptionCatalog.find(250)).isEmpty();
        assertThat(OptionCode.valueOf(250).toString()).isEqualTo("unknown-250(250)");
        assertThat(OptionCode.ROUTERS.toString()).isEqualTo("routers(3)");
    }
}
