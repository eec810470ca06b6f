package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What our decoder says about a message, rendered field by field the way {@code tshark -T fields}
 * prints the same Wireshark {@code dhcp.*} field, so the two can be compared as strings.
 *
 * <p>Each entry pairs a Wireshark field with our reading of it. Where Wireshark shows the wire and
 * we show meaning, the Wireshark side is normalised, and only there: option codes lose pad, end and
 * overload (52) and keep each code once (RFC 3396 instances are one option to us); the client
 * hardware address keeps its first occurrence (Wireshark repeats it inside a type-1 client id).
 */
final class TsharkFieldView {

    private TsharkFieldView() {}

    record Field(String name, Function<Dhcp4Message, List<String>> ours, UnaryOperator<List<String>> theirs) {}

    private static final HexFormat HEX = HexFormat.of();
    private static final String DOMAIN_SEARCH_FIELD = "dhcp.option.dhcp_dns_domain_search_list_fqdn";

    static final List<Field> FIELDS = List.of(
            field("dhcp.type", m -> one(m.op())),
            // Wireshark repeats hw.type and mac_addr for a client identifier of type 1 (RFC 2132 §9.14).
            field("dhcp.hw.type", m -> withClientIdHardware(m, "0x%02x".formatted(m.htype()), "0x01")),
            field("dhcp.hw.len", m -> one(m.hlen())),
            field("dhcp.hops", m -> one(m.hops())),
            field("dhcp.id", m -> List.of("0x%08x".formatted(m.xid()))),
            field("dhcp.secs", m -> one(m.secs())),
            field("dhcp.flags", m -> List.of("0x%04x".formatted(m.flags()))),
            field("dhcp.ip.client", m -> List.of(Ipv4Address.format(m.ciaddr()))),
            field("dhcp.ip.your", m -> List.of(Ipv4Address.format(m.yiaddr()))),
            field("dhcp.ip.server", m -> List.of(Ipv4Address.format(m.siaddr()))),
            field("dhcp.ip.relay", m -> List.of(Ipv4Address.format(m.giaddr()))),
            field("dhcp.hw.mac_addr", m -> withClientIdHardware(m, m.hardwareAddressString(), null)),
            field("dhcp.server", m -> m.sname().isEmpty() ? List.of() : List.of(m.sname())),
            field("dhcp.file", m -> m.file().isEmpty() ? List.of() : List.of(m.file())),
            field("dhcp.option.dhcp", m -> one(m.messageType().value())),
            new Field("dhcp.option.type", TsharkFieldView::optionCodes, TsharkFieldView::logicalCodes),
            field("dhcp.option.subnet_mask", m -> address(m, OptionCatalog.SUBNET_MASK)),
            field("dhcp.option.router", m -> addresses(m, OptionCatalog.ROUTERS)),
            field("dhcp.option.domain_name_server", m -> addresses(m, OptionCatalog.DOMAIN_NAME_SERVERS)),
            field("dhcp.option.hostname", m -> string(m, OptionCatalog.HOST_NAME)),
            field("dhcp.option.domain_name", m -> string(m, OptionCatalog.DOMAIN_NAME)),
            field("dhcp.option.broadcast_address", m -> address(m, OptionCatalog.BROADCAST_ADDRESS)),
            field("dhcp.option.ntp_server", m -> addresses(m, OptionCatalog.NTP_SERVERS)),
            field("dhcp.option.requested_ip_address", m -> address(m, OptionCatalog.REQUESTED_IP_ADDRESS)),
            field("dhcp.option.ip_address_lease_time", m -> number(m, OptionCatalog.LEASE_TIME)),
            field("dhcp.option.dhcp_server_id", m -> address(m, OptionCatalog.SERVER_IDENTIFIER)),
            field("dhcp.option.request_list_item", m -> m.get(OptionCatalog.PARAMETER_REQUEST_LIST)
                    .map(codes -> codes.stream().map(c -> String.valueOf(c.value())).toList()).orElse(List.of())),
            field("dhcp.option.dhcp_max_message_size", m -> number(m, OptionCatalog.MAX_MESSAGE_SIZE)),
            field("dhcp.option.renewal_time_value", m -> number(m, OptionCatalog.RENEWAL_TIME)),
            field("dhcp.option.rebinding_time_value", m -> number(m, OptionCatalog.REBINDING_TIME)),
            field("dhcp.option.vendor_class_id", m -> string(m, OptionCatalog.VENDOR_CLASS_IDENTIFIER)),
            field("dhcp.option.tftp_server_name", m -> string(m, OptionCatalog.TFTP_SERVER_NAME)),
            field("dhcp.option.bootfile_name", m -> string(m, OptionCatalog.BOOTFILE_NAME)),
            // RFC 3004 instances are shown as bytes per instance; the bare form some clients send as text.
            field("dhcp.option.user_class.data", m -> m.get(OptionCatalog.USER_CLASS).filter(UserClass::rfc3004)
                    .map(u -> u.classes().stream().map(c -> HEX.formatHex(c.getBytes(StandardCharsets.ISO_8859_1))).toList())
                    .orElse(List.of())),
            field("dhcp.option.user_class.text", m -> m.get(OptionCatalog.USER_CLASS).filter(u -> !u.rfc3004())
                    .map(UserClass::classes).orElse(List.of())),
            field("dhcp.fqdn.name", m -> m.get(OptionCatalog.CLIENT_FQDN)
                    .map(f -> List.of(stripDot(f.name()))).orElse(List.of())),
            field("dhcp.fqdn.rcode1", m -> m.get(OptionCatalog.CLIENT_FQDN).map(f -> one(f.rcode1())).orElse(List.of())),
            field("dhcp.fqdn.rcode2", m -> m.get(OptionCatalog.CLIENT_FQDN).map(f -> one(f.rcode2())).orElse(List.of())),
            field("dhcp.option.agent_information_option.agent_circuit_id", m -> agent(m).flatMap(
                    RelayAgentInformation::circuitId).map(v -> List.of(HEX.formatHex(v))).orElse(List.of())),
            field("dhcp.option.agent_information_option.agent_remote_id", m -> agent(m).flatMap(
                    RelayAgentInformation::remoteId).map(v -> List.of(HEX.formatHex(v))).orElse(List.of())),
            field("dhcp.option.agent_information_option.link_selection", m -> agent(m).flatMap(
                    RelayAgentInformation::linkSelection).map(a -> List.of(a.toString())).orElse(List.of())),
            field("dhcp.option.agent_information_option.server_id_override", m -> agent(m).flatMap(
                    RelayAgentInformation::serverIdOverride).map(a -> List.of(a.toString())).orElse(List.of())),
            field("dhcp.option.client_system_architecture", m -> m.get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE)
                    .map(archs -> archs.stream().map(a -> String.valueOf(a.value())).toList()).orElse(List.of())),
            field("dhcp.client_network_id_major", m -> m.get(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID)
                    .map(n -> one(n.major())).orElse(List.of())),
            field("dhcp.client_network_id_minor", m -> m.get(OptionCatalog.CLIENT_NETWORK_INTERFACE_ID)
                    .map(n -> one(n.minor())).orElse(List.of())),
            field("dhcp.client_id.uuid", m -> m.get(OptionCatalog.CLIENT_MACHINE_ID)
                    .filter(id -> id.type() == ClientMachineId.GUID && id.id().length == 16)
                    .map(id -> List.of(guid(id.id()))).orElse(List.of())),
            field("dhcp.option.subnet_selection_option", m -> address(m, OptionCatalog.SUBNET_SELECTION)),
            field(DOMAIN_SEARCH_FIELD, m -> m.get(OptionCatalog.DOMAIN_SEARCH)
                    .map(names -> names.stream().map(TsharkFieldView::stripDot).toList()).orElse(List.of())),
            field("dhcp.option.classless_static_route", m -> m.get(OptionCatalog.CLASSLESS_STATIC_ROUTES)
                    .map(routes -> routes.stream().map(TsharkFieldView::routeHex).toList()).orElse(List.of())),
            field("dhcp.option.tftp_server_address", m -> addresses(m, OptionCatalog.TFTP_SERVER_ADDRESSES)));

    /** Every field name, then the expert-info fields the cross-check also reads. */
    static List<String> tsharkFields() {
        List<String> names = new ArrayList<>(FIELDS.stream().map(Field::name).toList());
        names.addAll(List.of("_ws.malformed", "_ws.expert.severity", "_ws.expert.message"));
        return names;
    }

    /**
     * Field name to (ours, tshark's normalised) for every field where they differ, for a message
     * as decoded from the bytes tshark read (so {@link Dhcp4Message#overloadedFields()} is known).
     *
     * <p>Two allowances, both for overloaded messages (option 52) and both Wireshark 4.0 habits:
     * it lists the options found in {@code file}/{@code sname} where option 52 stands, not after
     * the options field (RFC 3396 §5 order, which is ours), so codes are compared as sorted lists
     * there — the byte-exact re-encoding tests pin our order; and it does not decode a domain search
     * (119) carried in {@code file}/{@code sname}, so an absent tshark value for it is not a difference.
     */
    static Map<String, List<List<String>>> differences(Dhcp4Message message, Map<String, List<String>> tshark) {
        Map<String, List<List<String>>> diff = new LinkedHashMap<>();
        boolean overloaded = message.overloadedFields() != 0;
        for (Field f : FIELDS) {
            List<String> ours = f.ours().apply(message);
            List<String> theirs = f.theirs().apply(tshark.getOrDefault(f.name(), List.of()));
            if (overloaded && f.name().equals("dhcp.option.type")) {
                ours = ours.stream().sorted().toList();
                theirs = theirs.stream().sorted().toList();
            }
            if (overloaded && f.name().equals(DOMAIN_SEARCH_FIELD) && theirs.isEmpty()) {
                continue;
            }
            if (!ours.equals(theirs)) {
                diff.put(f.name(), List.of(ours, theirs));
            }
        }
        return diff;
    }

    private static Field field(String name, Function<Dhcp4Message, List<String>> ours) {
        return new Field(name, ours, UnaryOperator.identity());
    }

    private static List<String> one(long value) {
        return List.of(String.valueOf(value));
    }

    /** {@code chaddr}'s value, then the client identifier's (type 1, 6 bytes), which Wireshark shows with the same field. */
    private static List<String> withClientIdHardware(Dhcp4Message m, String header, String typeOneValue) {
        Optional<byte[]> id = m.get(OptionCatalog.CLIENT_IDENTIFIER).filter(v -> v.length == 7 && v[0] == 1);
        if (id.isEmpty()) {
            return List.of(header);
        }
        String second = typeOneValue != null ? typeOneValue : HexFormat.ofDelimiter(":").formatHex(id.get(), 1, 7);
        return List.of(header, second);
    }

    private static List<String> optionCodes(Dhcp4Message m) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < m.optionCount(); i++) {
            codes.add(String.valueOf(m.optionCode(i).value()));
        }
        return codes;
    }

    private static List<String> logicalCodes(List<String> wire) {
        return wire.stream().filter(c -> !c.equals("0") && !c.equals("52") && !c.equals("255")).distinct().toList();
    }

    private static List<String> address(Dhcp4Message m, OptionDef<Ipv4Address> def) {
        return m.get(def).map(a -> List.of(a.toString())).orElse(List.of());
    }

    private static List<String> addresses(Dhcp4Message m, OptionDef<List<Ipv4Address>> def) {
        return m.get(def).map(list -> list.stream().map(Ipv4Address::toString).toList()).orElse(List.of());
    }

    private static List<String> string(Dhcp4Message m, OptionDef<String> def) {
        return m.get(def).map(List::of).orElse(List.of());
    }

    private static <N extends Number> List<String> number(Dhcp4Message m, OptionDef<N> def) {
        return m.get(def).map(n -> one(n.longValue())).orElse(List.of());
    }

    private static Optional<RelayAgentInformation> agent(Dhcp4Message m) {
        return m.get(OptionCatalog.RELAY_AGENT_INFORMATION);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** RFC 3442 encoding of one route, as Wireshark prints each route's bytes. */
    private static String routeHex(ClasslessRoute r) {
        int significant = (r.prefixLength() + 7) / 8;
        byte[] b = new byte[1 + significant + 4];
        b[0] = (byte) r.prefixLength();
        int dest = r.destination().value();
        for (int i = 0; i < significant; i++) {
            b[1 + i] = (byte) (dest >>> (24 - 8 * i));
        }
        int router = r.router().value();
        for (int i = 0; i < 4; i++) {
            b[1 + significant + i] = (byte) (router >>> (24 - 8 * i));
        }
        return HEX.formatHex(b);
    }

    /** Wireshark shows option 97's 16 bytes as a GUID: the first three groups little-endian (SMBIOS order). */
    private static String guid(byte[] id) {
        String h = HEX.formatHex(new byte[] {id[3], id[2], id[1], id[0], id[5], id[4], id[7], id[6]})
                + HEX.formatHex(id, 8, 16);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                + h.substring(16, 20) + "-" + h.substring(20);
    }
}
