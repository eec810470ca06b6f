package io.leaseledger.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.RelayAgent;

import java.io.IOException;
import java.time.Instant;

/**
 * The lease events written field by field, byte for byte the JSON Jackson's record serialization
 * writes for them with the store's mapper (components in declaration order, {@code null} written
 * for an absent event component, absent parts of a client identity and relay left out, value
 * types as their {@code @JsonValue} text, instants in ISO-8601, enums by name): what every
 * reader of the log and the Kafka stream already reads. {@code LeaseEventJsonTest} holds them to
 * Jackson's output and to the records' components.
 *
 * <p>Why by hand: every decision a subnet commits is one of these, serialised on the thread that
 * decides the batch; Jackson's bean serializer walks property writers and calls each value type's
 * {@code @JsonValue} method reflectively, two to three times the work of writing the fields.
 */
final class LeaseEventSerializers {
    static final SerializableString SUBNET_ID = new SerializedString("subnetId");
    static final SerializableString ADDRESS = new SerializedString("address");
    static final SerializableString CLIENT = new SerializedString("client");
    static final SerializableString TRANSACTION_ID = new SerializedString("transactionId");
    static final SerializableString AT = new SerializedString("at");
    static final SerializableString LEASE_TIME = new SerializedString("leaseTime");
    static final SerializableString HELD_UNTIL = new SerializedString("heldUntil");
    static final SerializableString KIND = new SerializedString("kind");
    static final SerializableString EXPIRES_AT = new SerializedString("expiresAt");
    static final SerializableString STATE = new SerializedString("state");
    static final SerializableString REASON = new SerializedString("reason");
    static final SerializableString PROBATION_UNTIL = new SerializedString("probationUntil");
    static final SerializableString EXPIRED_AT = new SerializedString("expiredAt");
    static final SerializableString CHADDR = new SerializedString("chaddr");
    static final SerializableString CLIENT_ID = new SerializedString("clientId");
    static final SerializableString HOSTNAME = new SerializedString("hostname");
    static final SerializableString VENDOR_CLASS = new SerializedString("vendorClass");
    static final SerializableString RELAY = new SerializedString("relay");
    static final SerializableString GIADDR = new SerializedString("giaddr");
    static final SerializableString CIRCUIT_ID = new SerializedString("circuitId");
    static final SerializableString REMOTE_ID = new SerializedString("remoteId");
    static final SerializableString LINK_SELECTION = new SerializedString("linkSelection");

    private LeaseEventSerializers() {}

    /** The fields after the five every lease event starts with. */
    @FunctionalInterface
    interface Tail<E> {
        void write(E event, JsonGenerator g) throws IOException;
    }

    static final class Serializer<E extends LeaseEvent> extends StdSerializer<E> {
        private final Tail<E> tail;

        Serializer(Class<E> type, Tail<E> tail) {
            super(type);
            this.tail = tail;
        }

        @Override
        public void serialize(E event, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(event);
            g.writeFieldName(SUBNET_ID);
            text(g, event.subnetId());
            g.writeFieldName(ADDRESS);
            text(g, event.address());
            g.writeFieldName(CLIENT);
            client(g, event.client());
            g.writeFieldName(TRANSACTION_ID);
            text(g, event.transactionId());
            g.writeFieldName(AT);
            instant(g, event.at());
            tail.write(event, g);
            g.writeEndObject();
        }
    }

    static Serializer<LeaseOffered> offered() {
        return new Serializer<>(LeaseOffered.class, (e, g) -> {
            g.writeFieldName(LEASE_TIME);
            leaseTime(g, e.leaseTime());
            g.writeFieldName(HELD_UNTIL);
            instant(g, e.heldUntil());
        });
    }

    static Serializer<LeaseGranted> granted() {
        return new Serializer<>(LeaseGranted.class, (e, g) -> {
            g.writeFieldName(KIND);
            name(g, e.kind());
            g.writeFieldName(LEASE_TIME);
            leaseTime(g, e.leaseTime());
            g.writeFieldName(EXPIRES_AT);
            instant(g, e.expiresAt());
        });
    }

    static Serializer<RequestRefused> refused() {
        return new Serializer<>(RequestRefused.class, (e, g) -> {
            g.writeFieldName(STATE);
            name(g, e.state());
            g.writeFieldName(REASON);
            name(g, e.reason());
        });
    }

    static Serializer<AddressDeclined> declined() {
        return new Serializer<>(AddressDeclined.class, (e, g) -> {
            g.writeFieldName(PROBATION_UNTIL);
            instant(g, e.probationUntil());
        });
    }

    static Serializer<LeaseReleased> released() {
        return new Serializer<>(LeaseReleased.class, (e, g) -> { });
    }

    static Serializer<LeaseExpired> expired() {
        return new Serializer<>(LeaseExpired.class, (e, g) -> {
            g.writeFieldName(EXPIRED_AT);
            instant(g, e.expiredAt());
        });
    }

    static Serializer<OfferWithdrawn> withdrawn() {
        return new Serializer<>(OfferWithdrawn.class, (e, g) -> {
            g.writeFieldName(REASON);
            name(g, e.reason());
        });
    }

    static Serializer<ProbationEnded> probationEnded() {
        return new Serializer<>(ProbationEnded.class, (e, g) -> { });
    }

    /** A client identity leaves out what it does not have ({@code @JsonInclude(NON_NULL)}). */
    private static void client(JsonGenerator g, ClientIdentity client) throws IOException {
        if (client == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject(client);
        g.writeFieldName(CHADDR);
        text(g, client.chaddr());
        if (client.clientId() != null) {
            g.writeFieldName(CLIENT_ID);
            g.writeString(client.clientId().toString());
        }
        if (client.hostname() != null) {
            g.writeFieldName(HOSTNAME);
            g.writeString(client.hostname().toString());
        }
        if (client.vendorClass() != null) {
            g.writeFieldName(VENDOR_CLASS);
            g.writeString(client.vendorClass());
        }
        if (client.relay() != null) {
            g.writeFieldName(RELAY);
            relay(g, client.relay());
        }
        g.writeEndObject();
    }

    private static void relay(JsonGenerator g, RelayAgent relay) throws IOException {
        g.writeStartObject(relay);
        g.writeFieldName(GIADDR);
        text(g, relay.giaddr());
        if (relay.circuitId() != null) {
            g.writeFieldName(CIRCUIT_ID);
            g.writeString(relay.circuitId().toString());
        }
        if (relay.remoteId() != null) {
            g.writeFieldName(REMOTE_ID);
            g.writeString(relay.remoteId().toString());
        }
        if (relay.linkSelection() != null) {
            g.writeFieldName(LINK_SELECTION);
            g.writeString(relay.linkSelection().toString());
        }
        g.writeEndObject();
    }

    /** A value type as its {@code @JsonValue} text ({@code toString()}). */
    private static void text(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }

    private static void name(JsonGenerator g, Enum<?> value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.name());
        }
    }

    private static void leaseTime(JsonGenerator g, LeaseTime value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.jsonValue());
        }
    }

    private static void instant(JsonGenerator g, Instant value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(IsoInstants.format(value));
        }
    }
}
