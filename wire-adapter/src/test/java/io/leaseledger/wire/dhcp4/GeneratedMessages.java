package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Messages our builder makes and our encoder writes, one of each shape the server sends or must
 * read: the four-message exchange, a relayed NAK with every option 82 sub-option we use, PXE and
 * HTTP boot replies, an overloaded reply, RFC 3396 long options, INFORM, RELEASE and DECLINE.
 * {@link TsharkCrossCheckTest} has Wireshark read each one.
 */
final class GeneratedMessages {

    private GeneratedMessages() {}

    /** A built message and the maximum message size to encode it under. */
    record Generated(String name, Dhcp4Message message, int maxMessageSize) {
        byte[] encode() {
            return Dhcp4Encoder.encode(message, maxMessageSize);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");
    private static final Ipv4Address RELAY = Ipv4Address.parse("198.18.2.1");
    private static final byte[] PXE_MAC = HexFormat.of().parseHex("0211000000a7");
    private static final UUID MACHINE = UUID.fromString("4c4c4544-0035-1046-8052-b4c04f4d4432");

    static List<Generated> all() {
        Dhcp4Message discover = Packets.discover();
        Dhcp4Message relayedRequest = relayedRequest();
        Dhcp4Message pxeDiscover = pxeDiscover();
        Dhcp4Message inform = inform();
        return List.of(
                new Generated("discover", discover, 576),
                new Generated("offer", lease(Dhcp4Message.replyTo(discover, MessageType.OFFER)).build(), 1500),
                new Generated("request-selecting", requestSelecting(), 576),
                new Generated("ack-with-routes-and-search", Packets.ack(), 1500),
                new Generated("request-relayed-with-option-82", relayedRequest, 576),
                new Generated("nak-relayed", Dhcp4Message.replyTo(relayedRequest, MessageType.NAK)
                        .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                        .putOption(56, "requested address not on this link".getBytes(StandardCharsets.US_ASCII))
                        .build(), 576),
                new Generated("pxe-discover-uefi-x64", pxeDiscover, 576),
                new Generated("pxe-offer-uefi-x64", pxeOffer(pxeDiscover), 1472),
                new Generated("ipxe-discover-user-classes", ipxeDiscover(), 1472),
                new Generated("httpboot-ack", httpBootAck(), 1472),
                new Generated("ack-overloaded-into-file-and-sname", overloadedAck(discover), 576),
                new Generated("ack-long-options-rfc3396", longOptionsAck(discover), 1500),
                new Generated("inform", inform, 576),
                new Generated("ack-to-inform", Dhcp4Message.replyTo(inform, MessageType.ACK)
                        .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                        .put(OptionCatalog.DOMAIN_NAME_SERVERS, List.of(SERVER))
                        .put(OptionCatalog.DOMAIN_NAME, "maas.example")
                        .build(), 576),
                new Generated("release", Dhcp4Message.builder().ethernet(Packets.MAC).xid(0x0badcafe)
                        .ciaddr(Ipv4Address.parse("198.18.0.10"))
                        .messageType(MessageType.RELEASE)
                        .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                        .putOption(OptionCode.CLIENT_IDENTIFIER, HexFormat.of().parseHex("0152540012a3b4"))
                        .build(), 576),
                new Generated("decline", Dhcp4Message.builder().ethernet(Packets.MAC).xid(0x0badf00d)
                        .messageType(MessageType.DECLINE)
                        .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.parse("198.18.0.10"))
                        .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                        .build(), 576));
    }

    private static Dhcp4MessageBuilder lease(Dhcp4MessageBuilder reply) {
        return reply.yiaddr(Ipv4Address.parse("198.18.0.10"))
                .siaddr(SERVER)
                .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                .put(OptionCatalog.LEASE_TIME, 3600L)
                .put(OptionCatalog.RENEWAL_TIME, 1800L)
                .put(OptionCatalog.REBINDING_TIME, 3150L)
                .put(OptionCatalog.SUBNET_MASK, Ipv4Address.parse("255.255.255.0"))
                .put(OptionCatalog.BROADCAST_ADDRESS, Ipv4Address.parse("198.18.0.255"))
                .put(OptionCatalog.ROUTERS, List.of(SERVER))
                .put(OptionCatalog.DOMAIN_NAME_SERVERS, List.of(SERVER, Ipv4Address.parse("198.18.0.2")));
    }

    private static Dhcp4Message requestSelecting() {
        return Dhcp4Message.builder().ethernet(Packets.MAC).xid(0x3903f326).secs(3)
                .messageType(MessageType.REQUEST)
                .putOption(OptionCode.CLIENT_IDENTIFIER, HexFormat.of().parseHex("0152540012a3b4"))
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.parse("198.18.0.10"))
                .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                .put(OptionCatalog.MAX_MESSAGE_SIZE, 1500)
                .put(OptionCatalog.HOST_NAME, "node-07")
                .put(OptionCatalog.CLIENT_FQDN, ClientFqdn.wire(ClientFqdn.FLAG_S, "node-07.maas.example."))
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "dhcpcd-9.4.1:Linux-6.1.0:x86_64:GenuineIntel")
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(OptionCode.SUBNET_MASK, OptionCode.ROUTERS,
                        OptionCode.DOMAIN_NAME_SERVERS, OptionCode.DOMAIN_NAME, OptionCode.CLASSLESS_STATIC_ROUTES))
                .build();
    }

    private static Dhcp4Message relayedRequest() {
        return Dhcp4Message.builder().ethernet(Packets.MAC).xid(0x51a7e1a7).hops(1)
                .giaddr(RELAY)
                .messageType(MessageType.REQUEST)
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.parse("198.18.9.9"))
                .put(OptionCatalog.SERVER_IDENTIFIER, SERVER)
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                        RelayAgentInformation.circuitId("ge-0/0/7.0:rack12".getBytes(StandardCharsets.US_ASCII)),
                        RelayAgentInformation.remoteId(HexFormat.of().parseHex("00163e5a0b01")),
                        RelayAgentInformation.linkSelection(Ipv4Address.parse("198.18.2.0")),
                        RelayAgentInformation.serverIdOverride(RELAY)))
                .build();
    }

    private static Dhcp4Message pxeDiscover() {
        return Dhcp4Message.builder().ethernet(PXE_MAC).xid(0x4c4c0a07).secs(4).broadcast(true)
                .messageType(MessageType.DISCOVER)
                .put(OptionCatalog.MAX_MESSAGE_SIZE, 1472)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, codes(1, 2, 3, 4, 5, 6, 12, 13, 15, 17, 18, 22, 23, 28,
                        40, 41, 42, 43, 50, 51, 54, 58, 59, 60, 66, 67, 97, 128, 129, 130, 131, 132, 133, 134, 135))
                .put(OptionCatalog.CLIENT_MACHINE_ID, ClientMachineId.of(MACHINE))
                .put(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID, new NetworkInterfaceId(NetworkInterfaceId.UNDI, 3, 16))
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.X64_UEFI))
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:00007:UNDI:003016")
                .build();
    }

    private static Dhcp4Message pxeOffer(Dhcp4Message discover) {
        return lease(Dhcp4Message.replyTo(discover, MessageType.OFFER))
                .sname("tftp.maas.example")
                .file("efi/bootx64.efi")
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient")
                .put(OptionCatalog.CLIENT_MACHINE_ID, ClientMachineId.of(MACHINE))
                // PXE discovery control 8: boot from the file name given, no boot server discovery.
                .put(OptionCatalog.VENDOR_SPECIFIC, HexFormat.of().parseHex("060108ff"))
                .put(OptionCatalog.TFTP_SERVER_NAME, "198.18.0.1")
                .put(OptionCatalog.BOOTFILE_NAME, "efi/bootx64.efi")
                .put(OptionCatalog.TFTP_SERVER_ADDRESSES, List.of(SERVER))
                .build();
    }

    private static Dhcp4Message ipxeDiscover() {
        return Dhcp4Message.builder().ethernet(PXE_MAC).xid(0x4c4c0aaf)
                .messageType(MessageType.DISCOVER)
                .put(OptionCatalog.MAX_MESSAGE_SIZE, 1472)
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.X86_BIOS))
                .put(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID, new NetworkInterfaceId(NetworkInterfaceId.UNDI, 2, 1))
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "PXEClient:Arch:00000:UNDI:002001")
                .put(OptionCatalog.USER_CLASS, UserClass.of("iPXE", "maas-enlist"))
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, codes(1, 3, 6, 7, 12, 15, 17, 26, 43, 60, 66, 67, 119,
                        128, 129, 130, 131, 132, 133, 134, 135, 175, 203))
                .put(OptionCatalog.IPXE_ENCAPSULATED, HexFormat.of().parseHex("b105018086100eeb03011501130101150101"))
                .putOption(OptionCode.CLIENT_IDENTIFIER, HexFormat.of().parseHex("010211000000a7"))
                .put(OptionCatalog.CLIENT_MACHINE_ID, ClientMachineId.of(MACHINE))
                .build();
    }

    private static Dhcp4Message httpBootAck() {
        Dhcp4Message request = Dhcp4Message.builder().ethernet(PXE_MAC).xid(0x4c4c0a10).broadcast(true)
                .messageType(MessageType.REQUEST)
                .put(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE, List.of(ClientArch.X64_UEFI_HTTP))
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "HTTPClient:Arch:00016:UNDI:003001")
                .build();
        return lease(Dhcp4Message.replyTo(request, MessageType.ACK))
                .put(OptionCatalog.VENDOR_CLASS_IDENTIFIER, "HTTPClient")
                .put(OptionCatalog.BOOTFILE_NAME, "http://198.18.0.1:5248/images/bootx64.efi")
                .build();
    }

    /** More options than 576 bytes hold: the encoder continues into file, then sname. */
    private static Dhcp4Message overloadedAck(Dhcp4Message discover) {
        List<ClasslessRoute> routes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            routes.add(ClasslessRoute.of("198.19." + (16 * i) + ".0", 20, "198.18.0.1"));
        }
        return lease(Dhcp4Message.replyTo(discover, MessageType.ACK))
                .put(OptionCatalog.HOST_NAME, "node-07")
                .put(OptionCatalog.DOMAIN_NAME, "provisioning.maas.example")
                .put(OptionCatalog.NTP_SERVERS, List.of(SERVER, Ipv4Address.parse("198.18.0.2")))
                .put(OptionCatalog.CLASSLESS_STATIC_ROUTES, routes)
                .put(OptionCatalog.DOMAIN_SEARCH, List.of("provisioning.maas.example", "racks.maas.example",
                        "bmc.racks.maas.example", "storage.maas.example", "compute.maas.example"))
                .put(OptionCatalog.TFTP_SERVER_ADDRESSES, List.of(SERVER, Ipv4Address.parse("198.18.0.2")))
                .putOption(114, "http://198.18.0.1/captive/provisioning/accept".getBytes(StandardCharsets.US_ASCII))
                .putOption(252, "http://198.18.0.1/wpad.dat".getBytes(StandardCharsets.US_ASCII))
                .putOption(40, "nis.provisioning.maas.example".getBytes(StandardCharsets.US_ASCII))
                .put(OptionCatalog.BOOTFILE_NAME, "http://198.18.0.1:5248/ipxe.cfg?mac=52-54-00-12-a3-b4")
                .build();
    }

    /**
     * Values above 255 bytes, which the encoder splits into consecutive instances (RFC 3396).
     * Wireshark 4.0 does not join instances of option 121 (a route cut in two is "malformed" to
     * it), so the routes are chosen to make the first 255-byte instance end on a route boundary
     * (31 × /24 of 8 bytes, then a /16 of 7); the domain search and the private option are cut
     * wherever 255 falls.
     */
    private static Dhcp4Message longOptionsAck(Dhcp4Message discover) {
        List<ClasslessRoute> routes = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            routes.add(ClasslessRoute.of("198.19." + i + ".0", 24, "198.18.0.1"));
        }
        routes.add(ClasslessRoute.of("198.20.0.0", 16, "198.18.0.1"));
        for (int i = 0; i < 8; i++) {
            routes.add(ClasslessRoute.of("198.19." + (100 + i) + ".0", 24, "198.18.0.1"));
        }
        List<String> search = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            search.add("rack" + i + ".datacentre-west.maas.example");
        }
        byte[] privateUse = new byte[300];
        for (int i = 0; i < privateUse.length; i++) {
            privateUse[i] = (byte) i;
        }
        return lease(Dhcp4Message.replyTo(discover, MessageType.ACK))
                .put(OptionCatalog.CLASSLESS_STATIC_ROUTES, routes)
                .putOption(119, OptionCatalog.domainSearchUncompressed(search))
                .putOption(224, privateUse)
                .build();
    }

    private static Dhcp4Message inform() {
        return Dhcp4Message.builder().ethernet(Packets.MAC).xid(0x1f0f0a0b)
                .ciaddr(Ipv4Address.parse("198.18.0.200"))
                .messageType(MessageType.INFORM)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(OptionCode.DOMAIN_NAME_SERVERS, OptionCode.DOMAIN_NAME))
                .build();
    }

    private static List<OptionCode> codes(int... codes) {
        List<OptionCode> list = new ArrayList<>();
        for (int c : codes) {
            list.add(OptionCode.valueOf(c));
        }
        return list;
    }
}
