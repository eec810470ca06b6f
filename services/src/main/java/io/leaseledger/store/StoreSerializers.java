package io.leaseledger.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The JSON forms of what the store writes. Events are records: Jackson reads and writes their
 * components, times as ISO-8601 strings (the same JSON the Kafka stream carries). Snapshots
 * are aggregates: plain classes with private fields and no getters, so the snapshot mapper
 * reads and writes fields directly and ignores methods.
 */
public final class StoreSerializers {
    private StoreSerializers() {}

    /**
     * The mapper for events, metadata and messages. The store writes and reads the lease events
     * in this same JSON by hand ({@link #events()}).
     */
    public static ObjectMapper eventMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // Record accessors called through generated lambdas instead of Method.invoke, which
                // `serve` (C1 only) cannot inline: a sixth of serialising an event.
                .registerModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // A newer revision may add fields; an older reader skips them (upcasters handle
                // the changes that are not additive).
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A lease event read straight from the bytes the store writes ({@link LeaseEventJsonReader}),
     * or null when {@code type} and {@code revision} name no lease event of this build or the bytes
     * are in another form: the caller then reads them through the mapper.
     */
    public static Object readLeaseEvent(String type, String revision, byte[] json) {
        return LeaseEventJsonReader.read(type, revision, json);
    }

    /** The mapper for aggregate snapshots: fields, not bean properties. */
    public static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = eventMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    /** Events to and from bytes: the lease events written by hand ({@link StoreEventSerializer}), the rest by Jackson. */
    public static JacksonSerializer events() {
        return new StoreEventSerializer(JacksonSerializer.builder().objectMapper(eventMapper()));
    }

    public static JacksonSerializer snapshots() {
        return JacksonSerializer.builder().objectMapper(snapshotMapper()).build();
    }
}
