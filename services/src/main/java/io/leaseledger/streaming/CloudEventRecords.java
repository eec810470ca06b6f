package io.leaseledger.streaming;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.SubnetEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One stored event as one Kafka record, CloudEvents Kafka protocol binding, binary content mode:
 * the attributes are {@code ce_*} headers, the body is the event's JSON (the same JSON the store
 * keeps, see docs/events.md), the key is the subnet so one subnet's events share a partition.
 */
public final class CloudEventRecords {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    /** Header names (CloudEvents Kafka binding: {@code ce_} + attribute name). */
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPECVERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATASCHEMA = "ce_dataschema";
    /** Extension: the subnet (also the key). */
    public static final String SUBNET = "ce_subnet";
    /** Extension: the event's sequence number in its subnet's stream (0, 1, 2, ... without gaps). */
    public static final String SUBNET_SEQUENCE = "ce_subnetseq";
    /**
     * Extension, only on an event this node took from its HA partner ({@code ReplicatePartnerEvents}):
     * the node that decided it. The partner passes such records over when it reads this stream.
     */
    public static final String ORIGIN = "ce_origin";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    /** The metadata key of an event taken from the HA partner (the aggregate's {@code PartnerReplication}). */
    static final String METADATA_ORIGIN = "origin";

    private final String source;
    private final String leaseTopic;
    private final String configurationTopic;
    private final ObjectMapper mapper;
    private final Serializer storeSerializer;
    private final Map<String, Class<? extends SubnetEvent>> types = new ConcurrentHashMap<>();
    /** Per event class: its CloudEvents type and schema id (an annotation lookup and two concatenations). */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[] {EventTypes.cloudEventType(type), EventTypes.schemaId(type)};
        }
    };

    /**
     * @param source the node's URI-reference ({@link #sourceOf})
     */
    public CloudEventRecords(String source, String leaseTopic, String configurationTopic, ObjectMapper mapper) {
        this(source, leaseTopic, configurationTopic, mapper, null);
    }

    /**
     * @param storeSerializer the event store's serializer, when its JSON is {@code mapper}'s: the
     *                        stored bytes are then sent as they are (no second serialisation)
     */
    public CloudEventRecords(String source, String leaseTopic, String configurationTopic, ObjectMapper mapper,
                             Serializer storeSerializer) {
        this.storeSerializer = storeSerializer;
        this.source = Objects.requireNonNull(source, "source");
        this.leaseTopic = Objects.requireNonNull(leaseTopic, "leaseTopic");
        this.configurationTopic = Objects.requireNonNull(configurationTopic, "configurationTopic");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** {@code leaseledger://node/rack-1}: the CloudEvents source of everything node {@code rack-1} decided. */
    public static String sourceOf(String nodeName) {
        return "leaseledger://node/" + nodeName;
    }

    public String topicOf(SubnetEvent event) {
        return EventTypes.isLeaseTopicEvent(event.getClass()) ? leaseTopic : configurationTopic;
    }

    /** The record for a stored subnet event ({@code message.getPayload()} is a {@link SubnetEvent}). */
    public ProducerRecord<String, byte[]> record(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof SubnetEvent event)) {
            throw new IllegalArgumentException("not a subnet event: " + message.getPayloadType().getName());
        }
        byte[] body = storedJson(message);
        if (body == null) {
            body = json(event, message.getIdentifier());
        }
        Object origin = message.getMetaData().get(METADATA_ORIGIN);
        return record(event, message.getIdentifier(), event.subnetId().toString(), message.getSequenceNumber(), body,
                origin instanceof String node ? node : null);
    }

    /**
     * The record for a row of the event table, without building the event: the type comes from
     * the row's payload type, the subnet and sequence from its aggregate columns, the body is the
     * stored JSON as it is, and only the body's top-level {@code at} (and, for a lease event,
     * {@code address}) are read from it. The same record {@link #record(DomainEventMessage)} makes
     * of the same event. Null for a row that holds no subnet event (passed over).
     */
    ProducerRecord<String, byte[]> record(EventTableReader.Row row) {
        Class<? extends SubnetEvent> type = subnetEventType(row.payloadType());
        if (type == null) {
            return null;
        }
        boolean lease = LeaseEvent.class.isAssignableFrom(type);
        String origin = origin(row.metaData());
        if (Objects.equals(row.payloadRevision(), EventTypes.revision(type))) {
            String[] fields = topLevelStrings(row.payload(), lease);
            if (fields != null) {
                return record(type, row.eventId(), row.aggregateId(), row.sequence(), fields[0], fields[1], row.payload(),
                        origin);
            }
        }
        // Another revision, or a body that does not read as expected: build the event, as the store would.
        SubnetEvent event = deserialize(row, type);
        return record(event, row.eventId(), row.aggregateId(), row.sequence(), row.payload(), origin);
    }

    private ProducerRecord<String, byte[]> record(SubnetEvent event, String id, String subnet, long sequence, byte[] body,
                                                  String origin) {
        return record(event.getClass(), id, subnet, sequence, event.at().toString(),
                event instanceof LeaseEvent lease ? lease.address().toString() : null, body, origin);
    }

    /**
     * The node an event was taken from, from its stored metadata ({@code {"origin": …}}); null for
     * the empty metadata of every event decided here (checked by length: nothing is parsed then).
     */
    private String origin(byte[] metaData) {
        if (metaData == null || metaData.length <= 2) {
            return null;
        }
        try {
            var origin = mapper.readTree(metaData).get(METADATA_ORIGIN);
            return origin != null && origin.isTextual() ? origin.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private ProducerRecord<String, byte[]> record(Class<?> type, String id, String subnet, long sequence, String at,
                                                  String address, byte[] body, String origin) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, SPECVERSION, SPEC_VERSION);
        header(headers, ID, id);
        header(headers, SOURCE, source);
        header(headers, TYPE, NAMES.get(type)[0]);
        header(headers, TIME, at);
        if (address != null) {
            header(headers, SUBJECT, address);
        }
        header(headers, DATASCHEMA, NAMES.get(type)[1]);
        header(headers, SUBNET, subnet);
        header(headers, SUBNET_SEQUENCE, Long.toString(sequence));
        if (origin != null) {
            header(headers, ORIGIN, origin);
        }
        header(headers, CONTENT_TYPE_HEADER, CONTENT_TYPE);
        String topic = EventTypes.isLeaseTopicEvent(type) ? leaseTopic : configurationTopic;
        return new ProducerRecord<>(topic, null, subnet, body, headers);
    }

    private byte[] json(SubnetEvent event, String id) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + id + " cannot be written as JSON", e);
        }
    }

    /** The subnet event class a stored payload type names; null if it names something else. */
    private Class<? extends SubnetEvent> subnetEventType(String payloadType) {
        return types.computeIfAbsent(payloadType, name -> {
            try {
                Class<?> c = Class.forName(name, false, CloudEventRecords.class.getClassLoader());
                return SubnetEvent.class.isAssignableFrom(c) ? c.asSubclass(SubnetEvent.class) : null;
            } catch (ClassNotFoundException e) {
                return null;
            }
        });
    }

    /**
     * The top-level string fields {@code at} and (when {@code withAddress}) {@code address} of a
     * JSON object, as written; null if one is missing or is not a string.
     */
    private String[] topLevelStrings(byte[] json, boolean withAddress) {
        String at = null;
        String address = null;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("at".equals(name) || (withAddress && "address".equals(name))) {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    if ("at".equals(name)) {
                        at = p.getText();
                    } else {
                        address = p.getText();
                    }
                    if (at != null && (address != null || !withAddress)) {
                        return new String[] {at, address};
                    }
                } else {
                    p.skipChildren();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private SubnetEvent deserialize(EventTableReader.Row row, Class<? extends SubnetEvent> type) {
        try {
            if (storeSerializer != null) {
                Object payload = storeSerializer.deserialize(new SimpleSerializedObject<>(row.payload(), byte[].class,
                        row.payloadType(), row.payloadRevision()));
                return type.cast(payload);
            }
            return mapper.readValue(row.payload(), type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("event " + row.eventId() + " (" + row.payloadType() + ") cannot be read", e);
        }
    }

    /**
     * The payload's JSON as the store keeps it, without writing it again, when the message was read
     * from the store by a serializer that writes the same JSON ({@code storeSerializer}); else null.
     */
    private byte[] storedJson(DomainEventMessage<?> message) {
        if (storeSerializer == null) {
            return null;
        }
        try {
            return message.serializePayload(storeSerializer, byte[].class).getData();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
