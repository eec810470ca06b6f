package io.leaseledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.reply.OptionSnippet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HTTP API request bodies read with the same rules, messages and key names as the file
 * ({@link YamlNode}, {@link SnippetReader}): a body is checked key by key, every problem is
 * collected with its key path, unknown keys are named. Each method returns the value or throws
 * a {@link ConfigurationException} listing every error.
 */
public final class ApiInputs {
    private static final String ADDRESS = "an IPv4 address (dotted quad)";

    private ApiInputs() {}

    /** A subnet to define: {@code cidr} and lease settings (defaults as in the file). */
    public record SubnetInput(Cidr cidr, SubnetSettings settings) {}

    /** A host reservation's body (the MAC is in the URL). */
    public record HostInput(Ipv4Address address, Optional<Hostname> hostname) {}

    /** A range: {@code start}, {@code end}, {@code kind}. */
    public record RangeInput(AddressRange range, RangeKind kind) {}

    public static SubnetInput subnet(JsonNode body) throws ConfigurationException {
        return read(body, n -> {
            Optional<Cidr> cidr = n.requiredParsed("cidr", "a subnet in CIDR form (198.18.0.0/24)", Cidr::parse);
            SubnetSettings settings = settings(n, SubnetSettings.defaults());
            n.finish();
            return cidr.map(c -> new SubnetInput(c, settings)).orElse(null);
        });
    }

    /** New lease settings: the keys given replace {@code current}'s, the others keep their value. */
    public static SubnetSettings settingsChange(JsonNode body, SubnetSettings current) throws ConfigurationException {
        return read(body, n -> {
            SubnetSettings settings = settings(n, current);
            n.finish();
            return settings;
        });
    }

    public static RangeInput range(JsonNode body) throws ConfigurationException {
        return read(body, n -> {
            Optional<Ipv4Address> start = n.requiredParsed("start", ADDRESS, Ipv4Address::parse);
            Optional<Ipv4Address> end = n.requiredParsed("end", ADDRESS, Ipv4Address::parse);
            Optional<RangeKind> kind = n.requiredParsed("kind", "a range kind (dynamic, reserved-dynamic or reserved)",
                    RangeKind::fromName);
            n.text("comment");
            n.finish();
            if (start.isEmpty() || end.isEmpty() || kind.isEmpty()) {
                return null;
            }
            if (start.get().compareTo(end.get()) > 0) {
                n.error("end", end.get() + " is before start " + start.get());
                return null;
            }
            return new RangeInput(new AddressRange(start.get(), end.get()), kind.get());
        });
    }

    public static HostInput host(JsonNode body) throws ConfigurationException {
        return read(body, n -> {
            Optional<Ipv4Address> address = n.requiredParsed("address", ADDRESS, Ipv4Address::parse);
            Optional<Hostname> hostname = n.parsed("hostname", "a host name (RFC 1123)",
                    t -> Hostname.of(ConfigurationReader.dnsName(t)));
            n.finish();
            return address.map(a -> new HostInput(a, hostname)).orElse(null);
        });
    }

    /** An option snippet as in the file ({@code name} or {@code code}; {@code value}, {@code hex} or {@code text}). */
    public static OptionSnippet snippet(JsonNode body) throws ConfigurationException {
        return read(body, n -> SnippetReader.read(n).orElse(null));
    }

    /**
     * A subnet's whole PXE block, as the file writes one ({@code next-server}, {@code bios},
     * {@code ipxe-script}, ...); keys not given are not set.
     */
    public static PxeSettings pxe(JsonNode body) throws ConfigurationException {
        return read(body, n -> PxeConversion.settings(ConfigurationReader.pxe(n)));
    }

    /** A duration as the file writes it ({@code 600}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}). */
    public static Duration duration(String text) {
        return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
    }

    /** The lease-setting keys of a subnet in the file, over {@code base}: the file's own reading. */
    private static SubnetSettings settings(YamlNode n, SubnetSettings base) {
        return ConfigurationReader.settings(n, base);
    }

    @FunctionalInterface
    private interface Reader<T> {
        /** Null when the errors say why. */
        T read(YamlNode node);
    }

    private static <T> T read(JsonNode body, Reader<T> reader) throws ConfigurationException {
        List<ConfigError> errors = new ArrayList<>();
        Optional<YamlNode> root = YamlNode.root(body, errors);
        T value = root.map(reader::read).orElse(null);
        if (!errors.isEmpty() || value == null) {
            if (errors.isEmpty()) {
                errors.add(new ConfigError("", "the request body is not valid"));
            }
            errors.sort(java.util.Comparator.comparing(ConfigError::path, ConfigurationLoader::comparePaths));
            throw new ConfigurationException("the request body", errors);
        }
        return value;
    }
}
