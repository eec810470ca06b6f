package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.leaseledger.wire.dhcp4.OptionFormat.*;

/**
 * The one table of DHCPv4 options this server reads and writes typed (shaped like Kea's
 * {@code std_option_defs.h}): code, name, format, RFC, and the typed reader/writer. Options not
 * listed here are still kept, raw, and re-encoded byte for byte.
 *
 * <pre>{@code
 * List<Ipv4Address> routers = request.get(OptionCatalog.ROUTERS).orElse(List.of());
 * reply.put(OptionCatalog.LEASE_TIME, 3600L);
 * }</pre>
 */
public final class OptionCatalog {

    private OptionCatalog() {}

    private static final OptionDef<?>[] BY_CODE = new OptionDef<?>[256];
    private static final List<OptionDef<?>> ALL = new ArrayList<>();

    private static <T> OptionDef<T> def(int code, String name, OptionFormat format, String rfc, String type,
            OptionDef.Reader<T> reader, OptionDef.Writer<T> writer) {
        OptionDef<T> d = new OptionDef<>(code, name, format, rfc, type, reader, writer);
        BY_CODE[code] = d;
        ALL.add(d);
        return d;
    }

    private static byte[] noValue(Object ignored) {
        throw new IllegalArgumentException("pad and end carry no value and are written by the encoder");
    }

    private static Object structural(byte[] b, int off, int len, int code) {
        throw new Dhcp4DecodeException(Dhcp4DecodeException.Reason.BAD_OPTION_VALUE, code, "pad and end carry no value");
    }

    public static final OptionDef<Object> PAD = def(0, "pad", STRUCTURAL, "RFC 2132 §3.1", "(none)",
            OptionCatalog::structural, OptionCatalog::noValue);
    public static final OptionDef<Ipv4Address> SUBNET_MASK = def(1, "subnet-mask", IPV4, "RFC 2132 §3.3", "Ipv4Address",
            OptionValues::readIpv4, OptionValues::writeIpv4);
    public static final OptionDef<List<Ipv4Address>> ROUTERS = def(3, "routers", IPV4_LIST, "RFC 2132 §3.5", "List<Ipv4Address>",
            OptionValues::readIpv4List, OptionValues::writeIpv4List);
    public static final OptionDef<List<Ipv4Address>> DOMAIN_NAME_SERVERS = def(6, "domain-name-servers", IPV4_LIST,
            "RFC 2132 §3.8", "List<Ipv4Address>", OptionValues::readIpv4List, OptionValues::writeIpv4List);
    public static final OptionDef<String> HOST_NAME = def(12, "host-name", STRING, "RFC 2132 §3.14", "String",
            OptionValues::readString, OptionValues::writeString);
    public static final OptionDef<String> DOMAIN_NAME = def(15, "domain-name", STRING, "RFC 2132 §3.17", "String",
            OptionValues::readString, OptionValues::writeString);
    public static final OptionDef<Ipv4Address> BROADCAST_ADDRESS = def(28, "broadcast-address", IPV4, "RFC 2132 §5.3",
            "Ipv4Address", OptionValues::readIpv4, OptionValues::writeIpv4);
    public static final OptionDef<List<Ipv4Address>> NTP_SERVERS = def(42, "ntp-servers", IPV4_LIST, "RFC 2132 §8.3",
            "List<Ipv4Address>", OptionValues::readIpv4List, OptionValues::writeIpv4List);
    public static final OptionDef<byte[]> VENDOR_SPECIFIC = def(43, "vendor-encapsulated-options", BYTES, "RFC 2132 §8.4",
            "byte[]", OptionValues::readBytes, OptionValues::writeBytes);
    public static final OptionDef<Ipv4Address> REQUESTED_IP_ADDRESS = def(50, "dhcp-requested-address", IPV4,
            "RFC 2132 §9.1", "Ipv4Address", OptionValues::readIpv4, OptionValues::writeIpv4);
    public static final OptionDef<Long> LEASE_TIME = def(51, "dhcp-lease-time", UINT32, "RFC 2132 §9.2", "Long (seconds)",
            OptionValues::readUint32, OptionValues::writeUint32);
    /** Structural: the decoder consumes it ({@link Dhcp4Message#overloadedFields()}), the encoder writes it. */
    public static final OptionDef<Integer> OPTION_OVERLOAD = def(52, "dhcp-option-overload", UINT8, "RFC 2132 §9.3",
            "Integer (1 file, 2 sname, 3 both)", OptionValues::readOverload, OptionValues::writeUint8);
    public static final OptionDef<MessageType> MESSAGE_TYPE = def(53, "dhcp-message-type", OptionFormat.MESSAGE_TYPE,
            "RFC 2132 §9.6", "MessageType", OptionValues::readMessageType, OptionValues::writeMessageType);
    public static final OptionDef<Ipv4Address> SERVER_IDENTIFIER = def(54, "dhcp-server-identifier", IPV4,
            "RFC 2132 §9.7", "Ipv4Address", OptionValues::readIpv4, OptionValues::writeIpv4);
    public static final OptionDef<List<OptionCode>> PARAMETER_REQUEST_LIST = def(55, "dhcp-parameter-request-list",
            OPTION_CODES, "RFC 2132 §9.8", "List<OptionCode>", OptionValues::readOptionCodes, OptionValues::writeOptionCodes);
    public static final OptionDef<Integer> MAX_MESSAGE_SIZE = def(57, "dhcp-max-message-size", UINT16, "RFC 2132 §9.10",
            "Integer", OptionValues::readUint16, OptionValues::writeUint16);
    public static final OptionDef<Long> RENEWAL_TIME = def(58, "dhcp-renewal-time", UINT32, "RFC 2132 §9.11",
            "Long (seconds)", OptionValues::readUint32, OptionValues::writeUint32);
    public static final OptionDef<Long> REBINDING_TIME = def(59, "dhcp-rebinding-time", UINT32, "RFC 2132 §9.12",
            "Long (seconds)", OptionValues::readUint32, OptionValues::writeUint32);
    public static final OptionDef<String> VENDOR_CLASS_IDENTIFIER = def(60, "vendor-class-identifier", STRING,
            "RFC 2132 §9.13", "String", OptionValues::readString, OptionValues::writeString);
    public static final OptionDef<byte[]> CLIENT_IDENTIFIER = def(61, "dhcp-client-identifier", BYTES, "RFC 2132 §9.14",
            "byte[] (type octet first)", OptionValues::readClientId, OptionValues::writeBytes);
    public static final OptionDef<String> TFTP_SERVER_NAME = def(66, "tftp-server-name", STRING, "RFC 2132 §9.4",
            "String", OptionValues::readString, OptionValues::writeString);
    public static final OptionDef<String> BOOTFILE_NAME = def(67, "boot-file-name", STRING, "RFC 2132 §9.5", "String",
            OptionValues::readString, OptionValues::writeString);
    public static final OptionDef<UserClass> USER_CLASS = def(77, "user-class", OptionFormat.USER_CLASS, "RFC 3004",
            "UserClass", OptionValues::readUserClass, OptionValues::writeUserClass);
    public static final OptionDef<ClientFqdn> CLIENT_FQDN = def(81, "fqdn", OptionFormat.CLIENT_FQDN, "RFC 4702",
            "ClientFqdn", OptionValues::readFqdn, OptionValues::writeFqdn);
    public static final OptionDef<RelayAgentInformation> RELAY_AGENT_INFORMATION = def(82, "dhcp-agent-options",
            RELAY_AGENT_INFO, "RFC 3046; sub-options 5 RFC 3527, 11 RFC 5107", "RelayAgentInformation",
            OptionValues::readRelayAgentInfo, OptionValues::writeRelayAgentInfo);
    public static final OptionDef<List<ClientArch>> CLIENT_SYSTEM_ARCHITECTURE = def(93, "pxe-client-arch", ARCH_LIST,
            "RFC 4578 §2.1", "List<ClientArch>", OptionValues::readArchList, OptionValues::writeArchList);
    public static final OptionDef<NetworkInterfaceId> CLIENT_NETWORK_INTERFACE_ID = def(94, "pxe-client-ndi", NDI,
            "RFC 4578 §2.2", "NetworkInterfaceId", OptionValues::readNdi, OptionValues::writeNdi);
    public static final OptionDef<ClientMachineId> CLIENT_MACHINE_ID = def(97, "pxe-client-machine-id", MACHINE_ID,
            "RFC 4578 §2.3", "ClientMachineId", OptionValues::readMachineId, OptionValues::writeMachineId);
    public static final OptionDef<Ipv4Address> SUBNET_SELECTION = def(118, "subnet-selection", IPV4, "RFC 3011",
            "Ipv4Address", OptionValues::readIpv4, OptionValues::writeIpv4);
    /** Written with name compression; {@link #domainSearchUncompressed(List)} for the plain form. */
    public static final OptionDef<List<String>> DOMAIN_SEARCH = def(119, "domain-search", DOMAIN_LIST, "RFC 3397",
            "List<String>", OptionValues::readDomainList, names -> DnsNames.encodeList(names, true));
    public static final OptionDef<List<ClasslessRoute>> CLASSLESS_STATIC_ROUTES = def(121, "classless-static-route",
            CLASSLESS_ROUTES, "RFC 3442", "List<ClasslessRoute>", OptionValues::readRoutes, OptionValues::writeRoutes);
    public static final OptionDef<List<Ipv4Address>> TFTP_SERVER_ADDRESSES = def(150, "tftp-server-address", IPV4_LIST,
            "RFC 5859", "List<Ipv4Address>", OptionValues::readIpv4List, OptionValues::writeIpv4List);
    /** iPXE's encapsulated options, kept raw (iPXE's own numbering, see ipxe.org/cfg). */
    public static final OptionDef<byte[]> IPXE_ENCAPSULATED = def(175, "ipxe-encap-opts", BYTES,
            "iPXE (site-specific, not an RFC)", "byte[]", OptionValues::readBytes, OptionValues::writeBytes);
    public static final OptionDef<Object> END = def(255, "end", STRUCTURAL, "RFC 2132 §3.2", "(none)",
            OptionCatalog::structural, OptionCatalog::noValue);

    /** The definition for {@code code}, if the catalogue lists it. */
    public static Optional<OptionDef<?>> find(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }

    public static Optional<OptionDef<?>> find(OptionCode code) {
        return find(code.value());
    }

    /** Every definition, by code. */
    public static List<OptionDef<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** Option 119 bytes without name compression (RFC 3397 allows both; some old clients mis-read pointers). */
    public static byte[] domainSearchUncompressed(List<String> names) {
        return DnsNames.encodeList(names, false);
    }
}
