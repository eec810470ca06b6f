package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One readable line per event:
 * {@code 2026-11-22T08:00:00Z 198.18.0.0/16 #12 LeaseGranted 198.18.3.7 aa:bb:cc:dd:ee:ff node-1 kind=NEW leaseTime=600 [rack-1]}.
 */
public final class TailFormat {
    /** Fields worth a glance, shown as {@code key=value} when the event has them. */
    private static final List<String> DETAILS = List.of("kind", "state", "reason", "range", "leaseTime", "code", "poolSize");

    private TailFormat() {}

    public static String line(StreamRecord r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.attributes().getOrDefault("time", "-"));
        parts.add(r.subnet().orElse("-"));
        parts.add("#" + r.sequence().map(String::valueOf).orElse("?"));
        parts.add(r.simpleType());
        r.subject().ifPresent(parts::add);
        if (r.subject().isEmpty() && r.data().path("address").isTextual()) {
            parts.add(r.data().path("address").textValue());
        }
        r.mac().ifPresent(parts::add);
        JsonNode hostname = r.data().path("client").path("hostname");
        if (hostname.isTextual()) {
            parts.add(hostname.textValue());
        }
        for (String field : DETAILS) {
            JsonNode v = r.data().path(field);
            if (v.isValueNode()) {
                parts.add(field + "=" + v.asText());
            }
        }
        String source = r.attributes().getOrDefault("source", "");
        parts.add("[" + source.substring(source.lastIndexOf('/') + 1) + "]");
        return String.join(" ", parts);
    }
}
