package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One record of the stream as a consumer sees it: the CloudEvents attributes from the headers and
 * the JSON body. A record that is not one of ours (no {@code ce_type}, a body that is not JSON)
 * is refused with {@link NotAnEvent}.
 */
public record StreamRecord(String topic, int partition, long offset, Map<String, String> attributes, JsonNode data) {
    private static final String EVENT_PACKAGE = "io.leaseledger.events.subnet.";

    public static StreamRecord of(ConsumerRecord<String, byte[]> record, ObjectMapper mapper) throws NotAnEvent {
        return of(record.topic(), record.partition(), record.offset(), record.headers(), record.value(), mapper);
    }

    /** A record as the publisher hands it to its producer (not sent yet: no partition, offset -1). */
    public static StreamRecord of(ProducerRecord<String, byte[]> record, ObjectMapper mapper) throws NotAnEvent {
        return of(record.topic(), record.partition() == null ? -1 : record.partition(), -1, record.headers(),
                record.value(), mapper);
    }

    private static StreamRecord of(String topic, int partition, long offset, Headers headers, byte[] value,
                                   ObjectMapper mapper) throws NotAnEvent {
        Map<String, String> attributes = new HashMap<>();
        for (Header h : headers) {
            if (h.key().startsWith("ce_") && h.value() != null) {
                attributes.put(h.key().substring(3), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        if (!attributes.containsKey("type") || !attributes.containsKey("id") || value == null) {
            throw new NotAnEvent(topic + "/" + partition + "@" + offset + ": no CloudEvents headers");
        }
        try {
            return new StreamRecord(topic, partition, offset, Map.copyOf(attributes), mapper.readTree(value));
        } catch (IOException e) {
            throw new NotAnEvent(topic + "/" + partition + "@" + offset + ": body is not JSON");
        }
    }

    /**
     * An event as {@code GET /api/v1/events} sends it: a CloudEvent in structured JSON form (the
     * attributes as members, the body as {@code data}); {@link NotAnEvent} without type or id.
     */
    public static StreamRecord ofCloudEvent(JsonNode cloudEvent) throws NotAnEvent {
        Map<String, String> attributes = new HashMap<>();
        cloudEvent.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("data") && !field.getKey().equals("datacontenttype") && field.getValue().isValueNode()) {
                attributes.put(field.getKey(), field.getValue().asText());
            }
        });
        if (!attributes.containsKey("type") || !attributes.containsKey("id") || !cloudEvent.has("data")) {
            throw new NotAnEvent("not a CloudEvent of ours: " + cloudEvent);
        }
        return new StreamRecord("api", -1, -1, Map.copyOf(attributes), cloudEvent.get("data"));
    }

    public String id() {
        return attributes.get("id");
    }

    public String type() {
        return attributes.get("type");
    }

    /** {@code LeaseGranted} of {@code io.leaseledger.LeaseGranted.v1}. */
    public String simpleType() {
        return EventTypes.simpleName(type());
    }

    /** The node that published the record ({@code leaseledger://node/<name>}). */
    public Optional<String> source() {
        return Optional.ofNullable(attributes.get("source"));
    }

    /** The node that decided the event, when the publishing node took it from its HA partner. */
    public Optional<String> origin() {
        return Optional.ofNullable(attributes.get("origin"));
    }

    /** The event the body holds, read as the store reads it; {@link NotAnEvent} for a type or body we do not know. */
    public Object payload(ObjectMapper mapper) throws NotAnEvent {
        try {
            return mapper.treeToValue(data, Class.forName(EVENT_PACKAGE + simpleType()));
        } catch (ClassNotFoundException | IOException | RuntimeException e) {
            throw new NotAnEvent(topic + "/" + partition + "@" + offset + ": " + e);
        }
    }

    public Optional<String> subnet() {
        return Optional.ofNullable(attributes.get("subnet"));
    }

    public Optional<String> subject() {
        return Optional.ofNullable(attributes.get("subject"));
    }

    public Optional<Long> sequence() {
        try {
            return Optional.ofNullable(attributes.get("subnetseq")).map(Long::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The hardware address the event is about: the client's {@code chaddr}, or a reservation's {@code mac}/{@code host}. */
    public Optional<String> mac() {
        JsonNode chaddr = data.path("client").path("chaddr");
        if (chaddr.isTextual()) {
            return Optional.of(chaddr.textValue());
        }
        for (String field : new String[] {"mac", "host"}) {
            if (data.path(field).isTextual()) {
                return Optional.of(data.path(field).textValue());
            }
        }
        return Optional.empty();
    }

    /** The record as one JSON object: the attributes, where it was read, and {@code data}. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        new java.util.TreeMap<>(attributes).forEach(node::put);
        node.put("topic", topic);
        node.put("partition", partition);
        node.put("offset", offset);
        node.set("data", data);
        return node;
    }

    /** A record that is not a LeaseLedger CloudEvent. */
    public static final class NotAnEvent extends Exception {
        public NotAnEvent(String message) {
            super(message);
        }
    }
}
