package io.leaseledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.wire.dhcp4.ClasslessRoute;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.OptionDef;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML value turned into option bytes through the codec's catalogue: the YAML shape follows
 * the option's format (an address, a list of addresses, a number, text, domain names, routes),
 * and the catalogue's own writer produces the bytes, so a snippet is encoded exactly as the
 * codec would encode the same typed value.
 */
final class TypedOptionValue {

    private TypedOptionValue() {}

    /** @throws IllegalArgumentException saying what shape the option wants */
    @SuppressWarnings("unchecked")
    static byte[] encode(OptionDef<?> def, JsonNode v) {
        OptionDef<Object> d = (OptionDef<Object>) def;
        return switch (def.format()) {
            case IPV4 -> d.encode(address(v));
            case IPV4_LIST -> d.encode(list(v, TypedOptionValue::address));
            case UINT8 -> d.encode((int) number(v, 0xFF));
            case UINT16 -> d.encode((int) number(v, 0xFFFF));
            case UINT32 -> d.encode(number(v, 0xFFFF_FFFFL));
            case STRING -> d.encode(text(v));
            case BYTES -> d.encode(SnippetReader.hex(text(v)));
            case DOMAIN_LIST -> d.encode(list(v, TypedOptionValue::text));
            case CLASSLESS_ROUTES -> d.encode(list(v, TypedOptionValue::route));
            default -> throw new IllegalArgumentException(
                    "this option's format (" + def.format().description() + ") is not configurable as a typed value; give 'hex'");
        };
    }

    private static Ipv4Address address(JsonNode v) {
        return Ipv4Address.parse(text(v));
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("expected text");
        }
        return v.textValue();
    }

    private static long number(JsonNode v, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw new IllegalArgumentException("expected a whole number from 0 to " + max);
        }
        return v.longValue();
    }

    private static <T> List<T> list(JsonNode v, java.util.function.Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        if (!v.isArray()) {
            out.add(item.apply(v));
            return out;
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("expected at least one item");
        }
        v.forEach(i -> out.add(item.apply(i)));
        return out;
    }

    /** A route as {@code {destination: 10.0.0.0/8, router: 198.18.0.1}}. */
    private static ClasslessRoute route(JsonNode v) {
        if (!v.isObject() || !v.has("destination") || !v.has("router") || v.size() != 2) {
            throw new IllegalArgumentException("expected routes as {destination: A.B.C.D/N, router: A.B.C.D}");
        }
        String dest = text(v.get("destination"));
        int slash = dest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("destination " + dest + " needs a /prefix");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(dest.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("destination " + dest + " has a bad prefix length");
        }
        return new ClasslessRoute(Ipv4Address.parse(dest.substring(0, slash)), prefix, address(v.get("router")));
    }
}
