package io.leaseledger.streaming;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every published record must be: a CloudEvent in binary mode whose body its schema accepts. */
final class StreamAssertions {
    private StreamAssertions() {}

    static Map<String, String> headers(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            assertThat(out).as("header %s given twice", h.key()).doesNotContainKey(h.key());
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    static void assertValidCloudEvent(Map<String, String> headers, String body, EventSchemas schemas) {
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("content-type", "application/json")
                .containsKeys("ce_id", "ce_source", "ce_type", "ce_time", "ce_dataschema", "ce_subnet", "ce_subnetseq");
        assertThat(headers.get("ce_type")).matches("io\\.leaseledger\\.[A-Za-z]+\\.v\\d+");
        assertThat(headers.get("ce_source")).startsWith("leaseledger://node/");
        assertThat(Instant.parse(headers.get("ce_time"))).isNotNull();
        assertThat(Long.parseLong(headers.get("ce_subnetseq"))).isNotNegative();
        String simple = EventTypes.simpleName(headers.get("ce_type"));
        String version = headers.get("ce_type").substring(headers.get("ce_type").lastIndexOf(".v"));
        assertThat(headers.get("ce_dataschema")).isEqualTo(EventTypes.SCHEMA_BASE + simple + version + ".json");
        if (isLeaseEvent(simple)) {
            assertThat(headers.get("ce_subject")).as("subject of %s", simple).matches("(\\d{1,3}\\.){3}\\d{1,3}");
        }
        assertThat(schemas.problems(headers.get("ce_dataschema"), body)).as("%s %s", simple, body).isEmpty();
    }

    private static boolean isLeaseEvent(String simpleName) {
        return switch (simpleName) {
            case "LeaseOffered", "OfferWithdrawn", "LeaseGranted", "RequestRefused", "AddressDeclined", "LeaseReleased",
                 "LeaseExpired", "ProbationEnded" -> true;
            default -> false;
        };
    }
}
