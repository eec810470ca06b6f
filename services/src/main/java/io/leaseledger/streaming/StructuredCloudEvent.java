package io.leaseledger.streaming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record as the publisher hands it to Kafka (binary content mode: {@code ce_} headers, the
 * event's JSON as the body), written as one CloudEvent in structured JSON form: the attributes as
 * members in name order ({@code subnetseq} a number), {@code datacontenttype}, and the body as
 * {@code data}, copied as it is stored — never parsed, so a stream of every event costs little
 * more than reading it.
 */
final class StructuredCloudEvent {
    private static final JsonFactory JSON = new JsonFactory();

    private StructuredCloudEvent() {}

    static String json(ProducerRecord<String, byte[]> record) {
        Map<String, String> attributes = new TreeMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith("ce_") && h.value() != null) {
                attributes.put(h.key().substring(3), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        StringWriter out = new StringWriter(record.value().length + 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (a.getKey().equals("subnetseq")) {
                    g.writeNumberField(a.getKey(), Long.parseLong(a.getValue()));
                } else {
                    g.writeStringField(a.getKey(), a.getValue());
                }
            }
            g.writeStringField("datacontenttype", CloudEventRecords.CONTENT_TYPE);
            g.writeFieldName("data");
            g.writeRawValue(new String(record.value(), StandardCharsets.UTF_8));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The record's CloudEvents type ({@code ce_type}). */
    static String type(ProducerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventRecords.TYPE);
        return type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }
}
