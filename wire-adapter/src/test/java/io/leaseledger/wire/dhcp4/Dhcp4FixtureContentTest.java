package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What particular captures must say, checked without tshark: the values that matter to the server
 * (relay information, PXE identity, FQDN forms, overload) read from real packets. The values come
 * from how {@code capture-fixtures.sh} sets up the peers, so they survive a re-capture; xids and
 * MACs do not and are not asserted.
 */
class Dhcp4FixtureContentTest {

    private static Dhcp4Message fixture(String name) {
        return Dhcp4Fixtures.all().stream().filter(f -> f.name().equals(name)).findFirst()
                .map(f -> Dhcp4Decoder.decode(f.payload()))
                .orElseThrow(() -> new AssertionError("no fixture " + name));
    }

    @Test
    void dhcrelayAddsGiaddrHopAndItsDownstreamInterfaceAsCircuitId() {
        Dhcp4Message relayed = fixture("dhcrelay-discover-from-dhclient");

        assertThat(Ipv4Address.format(relayed.giaddr())).isEqualTo("198.18.2.1");
        assertThat(relayed.hops()).isEqualTo(1);
        RelayAgentInformation info = relayed.get(OptionCatalog.RELAY_AGENT_INFORMATION).orElseThrow();
        assertThat(new String(info.circuitId().orElseThrow(), StandardCharsets.US_ASCII)).matches("llt[0-9a-f]{6}r1");
        assertThat(info.linkSelection()).isEmpty();
        assertThat(relayed.optionCode(relayed.optionCount() - 1)).isEqualTo(OptionCode.valueOf(82));
    }

    @Test
    void dhcrelayWithLinkSelectionSendsTheClientLinkApartFromGiaddr() {
        Dhcp4Message relayed = fixture("dhcrelay-linksel-discover-from-dhclient");

        assertThat(Ipv4Address.format(relayed.giaddr())).isEqualTo("198.18.1.2");
        RelayAgentInformation info = relayed.get(OptionCatalog.RELAY_AGENT_INFORMATION).orElseThrow();
        assertThat(info.linkSelection()).contains(Ipv4Address.parse("198.18.2.1"));
        assertThat(info.circuitId()).isPresent();
    }

    @Test
    void dnsmasqEchoesRelayInformationAndAnswersTheLinkSelectionSubnet() {
        Dhcp4Message offer = fixture("dnsmasq-linksel-offer-to-dhclient");

        assertThat(offer.messageType()).isEqualTo(MessageType.OFFER);
        assertThat(Ipv4Address.format(offer.yiaddr())).startsWith("198.18.2.");
        assertThat(offer.get(OptionCatalog.SUBNET_SELECTION)).contains(Ipv4Address.parse("198.18.2.1"));
        assertThat(offer.get(OptionCatalog.RELAY_AGENT_INFORMATION).orElseThrow().linkSelection())
                .contains(Ipv4Address.parse("198.18.2.1"));
    }

    @Test
    void uefiPxeDiscoverIdentifiesArchitectureUndiAndMachine() {
        Dhcp4Message discover = fixture("pxe-uefi-x64-discover");

        assertThat(discover.get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE)).contains(List.of(ClientArch.X64_UEFI));
        assertThat(discover.get(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID)).contains(new NetworkInterfaceId(1, 3, 16));
        assertThat(discover.get(OptionCatalog.VENDOR_CLASS_IDENTIFIER)).contains("PXEClient:Arch:00007:UNDI:003016");
        assertThat(discover.get(OptionCatalog.CLIENT_MACHINE_ID).orElseThrow().type()).isEqualTo(ClientMachineId.GUID);
        assertThat(discover.get(OptionCatalog.PARAMETER_REQUEST_LIST).orElseThrow()).hasSize(35);
        assertThat(discover.broadcast()).isTrue();
    }

    @Test
    void httpBootAndArm64DiscoversCarryTheirArchitectures() {
        assertThat(fixture("httpboot-uefi-x64-discover").get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE))
                .contains(List.of(ClientArch.X64_UEFI_HTTP));
        assertThat(fixture("httpboot-uefi-x64-discover").get(OptionCatalog.VENDOR_CLASS_IDENTIFIER))
                .hasValueSatisfying(v -> assertThat(v).startsWith("HTTPClient:"));
        assertThat(fixture("pxe-uefi-arm64-discover").get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE))
                .contains(List.of(ClientArch.ARM64_UEFI));
        assertThat(fixture("pxe-bios-discover").get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE))
                .contains(List.of(ClientArch.X86_BIOS));
    }

    @Test
    void ipxeSendsItsUserClassBareAndItsEncapsulatedOptions() {
        Dhcp4Message discover = fixture("ipxe-discover");

        UserClass userClass = discover.get(OptionCatalog.USER_CLASS).orElseThrow();
        assertThat(userClass.rfc3004()).isFalse();
        assertThat(userClass.contains("iPXE")).isTrue();
        assertThat(discover.get(OptionCatalog.IPXE_ENCAPSULATED).orElseThrow()).isNotEmpty();
    }

    @Test
    void dhcpcdSendsFqdnInWireFormAndUdhcpcInAsciiForm() {
        ClientFqdn dhcpcd = fixture("dhcpcd-discover").get(OptionCatalog.CLIENT_FQDN).orElseThrow();
        ClientFqdn udhcpc = fixture("udhcpc-discover").get(OptionCatalog.CLIENT_FQDN).orElseThrow();

        assertThat(dhcpcd.canonicalWireFormat()).isTrue();
        assertThat(dhcpcd.name()).isEqualTo("llt-dhcpcd");
        assertThat(udhcpc.canonicalWireFormat()).isFalse();
        assertThat(udhcpc.name()).isEqualTo("llt-udhcpc.lab.example");
    }

    @Test
    void dhclientRenewalIsUnicastFromItsAddressWithoutServerIdentifier() {
        Dhcp4Message renewal = fixture("dhclient-request-renewing");

        assertThat(renewal.ciaddr()).isNotZero();
        assertThat(renewal.has(OptionCatalog.SERVER_IDENTIFIER)).isFalse();
        assertThat(renewal.has(OptionCatalog.REQUESTED_IP_ADDRESS)).isFalse();
    }

    @Test
    void dnsmasqNaksAnInitRebootFromAnotherNetworkByBroadcast() {
        Dhcp4Message nak = fixture("dnsmasq-nak-to-dhclient");

        assertThat(nak.messageType()).isEqualTo(MessageType.NAK);
        assertThat(nak.broadcast()).isTrue();
        assertThat(nak.yiaddr()).isZero();
        assertThat(nak.option(OptionCode.valueOf(56))).isPresent();
    }

    /** dnsmasq moved 119, 42, 15 and 6 into file for the 576-byte client; tshark does not decode 119 there. */
    @Test
    void dnsmasqOverloadedOfferCarriesItsCompressedDomainSearchInFile() {
        Dhcp4Message offer = fixture("dnsmasq-offer-to-small-client");

        assertThat(offer.overloadedFields()).isEqualTo(Dhcp4Message.OVERLOAD_FILE);
        assertThat(offer.file()).isEmpty();
        assertThat(offer.get(OptionCatalog.DOMAIN_SEARCH).orElseThrow())
                .map(n -> n.endsWith(".") ? n.substring(0, n.length() - 1) : n)
                .containsExactly("provisioning.lab.example", "racks.lab.example", "bmc.racks.lab.example",
                        "storage.lab.example", "compute.lab.example", "edge.lab.example");
        assertThat(offer.get(OptionCatalog.NTP_SERVERS)).contains(List.of(Ipv4Address.parse("198.18.0.1")));
        assertThat(offer.get(OptionCatalog.DOMAIN_NAME)).contains("lab.example");
        assertThat(offer.get(OptionCatalog.CLASSLESS_STATIC_ROUTES).orElseThrow()).hasSize(6);
    }

    /**
     * No address, the client's own ciaddr. (dnsmasq 2.90 also sends a lease time here, which
     * RFC 2131 §4.3.5 forbids in an ACK to INFORM; a reference for our decoder, not for our server.)
     */
    @Test
    void dnsmasqAnswersInformWithoutAnAddress() {
        Dhcp4Message ack = fixture("dnsmasq-ack-inform-to-dhcpcd");

        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
        assertThat(ack.yiaddr()).isZero();
        assertThat(Ipv4Address.format(ack.ciaddr())).isEqualTo("198.18.0.200");
    }
}
