package io.leaseledger.store;

import io.leaseledger.events.subnet.LeaseEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The store's event serializer: Axon's Jackson serializer, except that a lease event serialised
 * to bytes (what the store appends for every decision) is written by {@link LeaseEventJsonWriter}
 * — the same bytes — and its serialized type (class name and {@code @Revision}) is worked out once
 * per class instead of once per event; and that a lease event in that writer's form is read back
 * by {@link LeaseEventJsonReader}. Everything else is Jackson's with the store's mapper.
 */
final class StoreEventSerializer extends JacksonSerializer {
    private final ClassValue<SerializedType> types = new ClassValue<>() {
        @Override
        protected SerializedType computeValue(Class<?> type) {
            return jacksonType(type);
        }
    };

    StoreEventSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof LeaseEvent event && expectedRepresentation == byte[].class) {
            byte[] json = LeaseEventJsonWriter.write(event);
            if (json != null) {
                return (SerializedObject<T>) new SimpleSerializedObject<>(json, byte[].class, types.get(object.getClass()));
            }
        }
        return super.serialize(object, expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        if (serialized.getData() instanceof byte[] json) {
            SerializedType type = serialized.getType();
            LeaseEvent event = LeaseEventJsonReader.read(type.getName(), type.getRevision(), json);
            if (event != null) {
                return (T) event;
            }
        }
        return super.deserialize(serialized);
    }

    private SerializedType jacksonType(Class<?> type) {
        return super.typeForClass(type);
    }
}
