package io.leaseledger.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the one configuration file. Either every check passes and a
 * {@link LeaseLedgerConfiguration} comes back, or a {@link ConfigurationException} lists every
 * problem found, each with its key path and value.
 *
 * <pre>{@code
 * LeaseLedgerConfiguration config = new ConfigurationLoader(HostInterfaces.system()).load(Path.of("lab.yaml"));
 * }</pre>
 */
public final class ConfigurationLoader {

    private static final Pattern PATH_PART = Pattern.compile("\\[(\\d+)\\]|[^.\\[]+");

    private final HostInterfaces host;
    private final ObjectMapper yaml;

    public ConfigurationLoader(HostInterfaces host) {
        this.host = host;
        this.yaml = new ObjectMapper(new YAMLFactory());
        // A key given twice is almost always an editing mistake; the second would silently win.
        this.yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public LeaseLedgerConfiguration load(Path file) throws ConfigurationException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigurationException(file.toString(), List.of(new ConfigError("", "cannot read the file: " + e)));
        }
        return parse(text, file.toString());
    }

    /** Key paths in document order: {@code subnets[2]} before {@code subnets[10]}; a parent before its keys. */
    static int comparePaths(String a, String b) {
        Matcher ma = PATH_PART.matcher(a);
        Matcher mb = PATH_PART.matcher(b);
        while (true) {
            boolean ha = ma.find();
            boolean hb = mb.find();
            if (!ha || !hb) {
                return Boolean.compare(ha, hb);
            }
            int c = ma.group(1) != null && mb.group(1) != null
                    ? Long.compare(Long.parseLong(ma.group(1)), Long.parseLong(mb.group(1)))
                    : ma.group().compareTo(mb.group());
            if (c != 0) {
                return c;
            }
        }
    }

    /**
     * A hint for YAML's most puzzling refusal here: an IPv6 address that starts with {@code ::}
     * ({@code [::1]}, {@code - ::}) reads as a mapping key in YAML, so it must be quoted.
     */
    private static String unquotedIpv6Hint(String text, JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        String[] lines = text.split("\\R", -1);
        int line = e.getLocation().getLineNr() - 1;
        return line < lines.length && lines[line].matches("[^#]*[\\[\\s,]::.*")
                ? "\n(an IPv6 address that starts with '::' must be quoted in YAML: ['::1'])" : "";
    }

    /** @param source names the text in the exception message (a file name) */
    public LeaseLedgerConfiguration parse(String text, String source) throws ConfigurationException {
        List<ConfigError> errors = new ArrayList<>();
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new ConfigurationException(source, List.of(new ConfigError("", where + e.getOriginalMessage()
                    + unquotedIpv6Hint(text, e))));
        }
        Optional<YamlNode> root = YamlNode.root(tree, errors);
        if (root.isEmpty()) {
            throw new ConfigurationException(source, errors);
        }
        ConfigurationReader reader = new ConfigurationReader(host);
        LeaseLedgerConfiguration config = reader.read(root.get());
        new ConfigurationValidator(reader, errors).validate(config);
        if (!errors.isEmpty()) {
            // Reading and cross-checking find errors in two passes; the operator reads them in file order.
            errors.sort(Comparator.comparing(ConfigError::path, ConfigurationLoader::comparePaths));
            throw new ConfigurationException(source, errors);
        }
        return config.withText(text);
    }
}
