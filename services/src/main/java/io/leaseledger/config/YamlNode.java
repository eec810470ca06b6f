package io.leaseledger.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A cursor over one YAML mapping that records every problem instead of throwing, so a whole file is
 * checked in one pass. Each accessor names the key it reads; {@link #finish()} then reports every
 * key nobody asked for (a misspelt key must fail the start, not be silently ignored).
 */
final class YamlNode {

    private final JsonNode node;
    private final String path;
    private final List<ConfigError> errors;
    private final Set<String> known = new LinkedHashSet<>();

    private YamlNode(JsonNode node, String path, List<ConfigError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** The document root; an empty document reads as an empty mapping. */
    static Optional<YamlNode> root(JsonNode document, List<ConfigError> errors) {
        if (document == null || document.isNull() || document.isMissingNode()) {
            return Optional.of(new YamlNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "", errors));
        }
        if (!document.isObject()) {
            errors.add(new ConfigError("", "the document must be a mapping of keys, found " + describe(document)));
            return Optional.empty();
        }
        return Optional.of(new YamlNode(document, "", errors));
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    void error(String message) {
        errors.add(new ConfigError(path, message));
    }

    void error(String key, String message) {
        errors.add(new ConfigError(pathOf(key), message));
    }

    /** A text value; numbers and booleans are refused so that {@code domain: 1} is not quietly {@code "1"}. */
    Optional<String> text(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            error(key, "must be text, found " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.textValue());
    }

    Optional<String> requiredText(String key) {
        if (!has(key)) {
            error(key, "is required");
            return Optional.empty();
        }
        return text(key);
    }

    Optional<Boolean> bool(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            error(key, "must be true or false, found " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    Optional<Long> integer(String key, long min, long max) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            error(key, "must be a whole number from " + min + " to " + max + ", found " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.longValue());
    }

    /**
     * A text scalar turned into a value by {@code parse}; an {@link IllegalArgumentException} from
     * the parser becomes an error that quotes the value and says what was expected.
     */
    <T> Optional<T> parsed(String key, String expected, Function<String, T> parse) {
        return text(key).flatMap(text -> parse(pathOf(key), text, expected, parse));
    }

    <T> Optional<T> requiredParsed(String key, String expected, Function<String, T> parse) {
        if (!has(key)) {
            error(key, "is required");
            return Optional.empty();
        }
        return parsed(key, expected, parse);
    }

    /** A list of text scalars, each parsed; a single scalar is read as a list of one. */
    <T> List<T> parsedList(String key, String expected, Function<String, T> parse) {
        JsonNode v = value(key);
        List<T> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            if (v.isTextual()) {
                parse(pathOf(key), v.textValue(), expected, parse).ifPresent(out::add);
            } else {
                error(key, "must be a list of " + expected + ", found " + describe(v));
            }
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String at = pathOf(key) + "[" + i + "]";
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                errors.add(new ConfigError(at, "must be " + expected + ", found " + describe(item)));
            } else {
                parse(at, item.textValue(), expected, parse).ifPresent(out::add);
            }
        }
        return out;
    }

    /** A duration: whole seconds ({@code 600}) or text with units ({@code 10m}); never zero or negative. */
    Optional<java.time.Duration> duration(String key) {
        return duration(key, false);
    }

    /** A duration; with {@code millis} false, of whole seconds (every key but the short waits). */
    private Optional<java.time.Duration> duration(String key, boolean millis) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        Optional<java.time.Duration> d;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            d = Optional.of(java.time.Duration.ofSeconds(v.longValue()));
        } else if (v.isTextual()) {
            d = parse(pathOf(key), v.textValue(), "a duration", Durations::parse);
        } else {
            error(key, "must be a duration such as 600, 30s, 10m or 1h, found " + describe(v));
            return Optional.empty();
        }
        if (d.isPresent() && !millis && d.get().getNano() != 0) {
            error(key, describe(v) + " is not a whole number of seconds");
            return Optional.empty();
        }
        if (d.isPresent() && (d.get().isNegative() || d.get().isZero() || d.get().toSeconds() > 0xFFFF_FFFEL)) {
            error(key, describe(v) + " is not a usable duration: it must be above zero and below 2^32-1 seconds");
            return Optional.empty();
        }
        return d;
    }

    /** A duration as {@link #duration}, or {@code false} for none ({@link java.time.Duration#ZERO}). */
    Optional<java.time.Duration> durationOrOff(String key) {
        return durationOrOff(key, false);
    }

    private Optional<java.time.Duration> durationOrOff(String key, boolean millis) {
        JsonNode v = value(key);
        if (v != null && v.isBoolean()) {
            if (v.booleanValue()) {
                error(key, "must be a duration such as 5s, or false to turn it off, found true");
                return Optional.empty();
            }
            return Optional.of(java.time.Duration.ZERO);
        }
        return duration(key, millis);
    }

    /** A short wait, as {@link #durationOrOff} but to the millisecond ({@code 200ms}). */
    Optional<java.time.Duration> millisOrOff(String key) {
        return durationOrOff(key, true);
    }

    Optional<YamlNode> object(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            error(key, "must be a mapping of keys, found " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new YamlNode(v, pathOf(key), errors));
    }

    /** A list of mappings, each with its indexed path ({@code subnets[2]}). */
    List<YamlNode> objects(String key) {
        JsonNode v = value(key);
        List<YamlNode> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            error(key, "must be a list, found " + describe(v));
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String at = pathOf(key) + "[" + i + "]";
            JsonNode item = v.get(i);
            if (!item.isObject()) {
                errors.add(new ConfigError(at, "must be a mapping of keys, found " + describe(item)));
            } else {
                out.add(new YamlNode(item, at, errors));
            }
        }
        return out;
    }

    /** The raw value under {@code key}, for values whose shape depends on another key (typed options). */
    Optional<JsonNode> raw(String key) {
        return Optional.ofNullable(value(key));
    }

    /** Reports every key that no accessor asked for, suggesting the nearest known one. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = nearest(key).map(k -> " (did you mean '" + k + "'?)").orElse("");
                error(key, "unknown key" + hint + "; known keys here: " + String.join(", ", known));
            }
        }
    }

    private JsonNode value(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private <T> Optional<T> parse(String at, String text, String expected, Function<String, T> parse) {
        try {
            return Optional.of(parse.apply(text.strip()));
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            errors.add(new ConfigError(at, "'" + text + "' is not " + expected + why));
            return Optional.empty();
        }
    }

    private Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = 3; // beyond two edits a suggestion is noise
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.textValue() + "'";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        return v.toString();
    }
}
