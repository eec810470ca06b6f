package io.leaseledger.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.SubnetEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private final String source;
    private final String leaseTopic;
    private final String configurationTopic;
    private final ObjectMapper mapper;
    private final Serializer storeSerializer;

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
        return EventTypes.isLeaseTopicEvent(event) ? leaseTopic : configurationTopic;
    }

    /** The record for a stored subnet event ({@code message.getPayload()} is a {@link SubnetEvent}). */
    public ProducerRecord<String, byte[]> record(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof SubnetEvent event)) {
            throw new IllegalArgumentException("not a subnet event: " + message.getPayloadType().getName());
        }
        byte[] body = storedJson(message);
        if (body == null) {
            try {
                body = mapper.writeValueAsBytes(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event " + message.getIdentifier() + " cannot be written as JSON", e);
            }
        }
        Class<?> type = event.getClass();
        RecordHeaders headers = new RecordHeaders();
        header(headers, SPECVERSION, SPEC_VERSION);
        header(headers, ID, message.getIdentifier());
        header(headers, SOURCE, source);
        header(headers, TYPE, EventTypes.cloudEventType(type));
        header(headers, TIME, event.at().toString());
        if (event instanceof LeaseEvent lease) {
            header(headers, SUBJECT, lease.address().toString());
        }
        header(headers, DATASCHEMA, EventTypes.schemaId(type));
        header(headers, SUBNET, event.subnetId().toString());
        header(headers, SUBNET_SEQUENCE, Long.toString(message.getSequenceNumber()));
        header(headers, CONTENT_TYPE_HEADER, CONTENT_TYPE);
        return new ProducerRecord<>(topicOf(event), null, event.subnetId().toString(), body, headers);
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
