package io.leaseledger.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lease events read field by field, giving what Jackson's record deserialization gives with
 * the store's mapper for the JSON the store writes ({@link LeaseEventJsonWriter}) and for what a
 * later revision may add: fields in any order, unknown fields skipped, absent ones null. A value
 * in any other form than the one the store writes (a number where a string is written, say) is
 * handed to Jackson's own deserializer of its type, so it is accepted or refused exactly as
 * before; a value its type refuses fails the read with Jackson's {@link ValueInstantiationException}.
 * {@code LeaseEventJsonTest} holds them to Jackson's results.
 */
final class LeaseEventDeserializers {
    /**
     * Subnet ids as read, by their text: a log names a handful of subnets in every one of its
     * events, and {@link SubnetId#parse} checks each through a CIDR parse (a twelfth of a
     * rebuild's reader). Bounded: past this many, ids are parsed every time.
     */
    private static final int MAX_CACHED_SUBNETS = 4_096;
    private static final Map<String, SubnetId> SUBNETS = new ConcurrentHashMap<>();

    private LeaseEventDeserializers() {}

    /** The five fields every lease event starts with, then the type's own. */
    abstract static class Fields<E> {
        SubnetId subnetId;
        Ipv4Address address;
        ClientIdentity client;
        TransactionId transactionId;
        Instant at;

        /** Reads the value of {@code name} if it is one of the type's own; false for an unknown field. */
        abstract boolean readOwn(String name, JsonParser p, DeserializationContext ctxt) throws IOException;

        abstract E build();
    }

    static final class Deserializer<E> extends StdDeserializer<E> {
        private final Supplier<Fields<E>> fields;

        Deserializer(Class<E> type, Supplier<Fields<E>> fields) {
            super(type);
            this.fields = fields;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = p.nextToken();
            } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
                return (E) ctxt.handleUnexpectedToken(handledType(), p);
            }
            Fields<E> f = fields.get();
            for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "subnetId" -> f.subnetId = value(p, ctxt, SubnetId.class, LeaseEventDeserializers::subnetId);
                    case "address" -> f.address = value(p, ctxt, Ipv4Address.class, Ipv4Address::parse);
                    case "client" -> f.client = client(p, ctxt);
                    case "transactionId" -> f.transactionId = value(p, ctxt, TransactionId.class, TransactionId::parse);
                    case "at" -> f.at = instant(p, ctxt);
                    default -> {
                        if (!f.readOwn(name, p, ctxt)) {
                            p.skipChildren();
                        }
                    }
                }
            }
            try {
                return f.build();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw refused(p, ctxt, handledType(), e);
            }
        }
    }

    /** Reads one value of a field. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonParser p, DeserializationContext ctxt) throws IOException;
    }

    /** A lease event from the five common fields and one more. */
    @FunctionalInterface
    interface Build1<A, E> {
        E of(SubnetId subnetId, Ipv4Address address, ClientIdentity client, TransactionId transactionId, Instant at, A a);
    }

    /** A lease event from the five common fields and two more. */
    @FunctionalInterface
    interface Build2<A, B, E> {
        E of(SubnetId subnetId, Ipv4Address address, ClientIdentity client, TransactionId transactionId, Instant at,
             A a, B b);
    }

    /** A lease event with nothing after the five common fields. */
    static <E> Deserializer<E> plain(Class<E> type, Build1<Void, E> build) {
        return new Deserializer<>(type, () -> new Fields<>() {
            @Override
            boolean readOwn(String name, JsonParser p, DeserializationContext ctxt) {
                return false;
            }

            @Override
            E build() {
                return build.of(subnetId, address, client, transactionId, at, null);
            }
        });
    }

    /** A lease event with one field after the five common ones. */
    static <A, E> Deserializer<E> one(Class<E> type, String aName, Reader<A> aReader, Build1<A, E> build) {
        return new Deserializer<>(type, () -> new Fields<>() {
            A a;

            @Override
            boolean readOwn(String name, JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!name.equals(aName)) {
                    return false;
                }
                a = aReader.read(p, ctxt);
                return true;
            }

            @Override
            E build() {
                return build.of(subnetId, address, client, transactionId, at, a);
            }
        });
    }

    /** A lease event with two fields after the five common ones. */
    static <A, B, E> Deserializer<E> two(Class<E> type, String aName, Reader<A> aReader, String bName, Reader<B> bReader,
                                         Build2<A, B, E> build) {
        return new Deserializer<>(type, () -> new Fields<>() {
            A a;
            B b;

            @Override
            boolean readOwn(String name, JsonParser p, DeserializationContext ctxt) throws IOException {
                if (name.equals(aName)) {
                    a = aReader.read(p, ctxt);
                } else if (name.equals(bName)) {
                    b = bReader.read(p, ctxt);
                } else {
                    return false;
                }
                return true;
            }

            @Override
            E build() {
                return build.of(subnetId, address, client, transactionId, at, a, b);
            }
        });
    }

    static Deserializer<LeaseOffered> offered() {
        return two(LeaseOffered.class, "leaseTime", LeaseEventDeserializers::leaseTime,
                "heldUntil", LeaseEventDeserializers::instant, LeaseOffered::new);
    }

    static Deserializer<LeaseGranted> granted() {
        return new Deserializer<>(LeaseGranted.class, () -> new Fields<>() {
            GrantKind kind;
            LeaseTime leaseTime;
            Instant expiresAt;

            @Override
            boolean readOwn(String name, JsonParser p, DeserializationContext ctxt) throws IOException {
                switch (name) {
                    case "kind" -> kind = constant(p, ctxt, GrantKind.class);
                    case "leaseTime" -> leaseTime = leaseTime(p, ctxt);
                    case "expiresAt" -> expiresAt = instant(p, ctxt);
                    default -> {
                        return false;
                    }
                }
                return true;
            }

            @Override
            LeaseGranted build() {
                return new LeaseGranted(subnetId, address, client, transactionId, at, kind, leaseTime, expiresAt);
            }
        });
    }

    static Deserializer<RequestRefused> refused() {
        return two(RequestRefused.class, "state", (p, ctxt) -> constant(p, ctxt, RequestState.class),
                "reason", (p, ctxt) -> constant(p, ctxt, NakReason.class), RequestRefused::new);
    }

    static Deserializer<AddressDeclined> declined() {
        return one(AddressDeclined.class, "probationUntil", LeaseEventDeserializers::instant, AddressDeclined::new);
    }

    static Deserializer<LeaseReleased> released() {
        return plain(LeaseReleased.class, (subnet, address, client, xid, at, none) ->
                new LeaseReleased(subnet, address, client, xid, at));
    }

    static Deserializer<LeaseExpired> expired() {
        return one(LeaseExpired.class, "expiredAt", LeaseEventDeserializers::instant, LeaseExpired::new);
    }

    static Deserializer<OfferWithdrawn> withdrawn() {
        return one(OfferWithdrawn.class, "reason", (p, ctxt) -> constant(p, ctxt, OfferWithdrawn.Reason.class),
                OfferWithdrawn::new);
    }

    static Deserializer<ProbationEnded> probationEnded() {
        return plain(ProbationEnded.class, (subnet, address, client, xid, at, none) ->
                new ProbationEnded(subnet, address, client, xid, at));
    }

    static SubnetId subnetId(String text) {
        SubnetId id = SUBNETS.get(text);
        if (id == null) {
            id = SubnetId.parse(text);
            if (SUBNETS.size() < MAX_CACHED_SUBNETS) {
                SUBNETS.put(text, id);
            }
        }
        return id;
    }

    /** A client identity: an object in the store's form, anything else through Jackson. */
    private static ClientIdentity client(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            return ctxt.readValue(p, ClientIdentity.class);
        }
        MacAddress chaddr = null;
        ClientId clientId = null;
        Hostname hostname = null;
        String vendorClass = null;
        RelayAgent relay = null;
        for (token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "chaddr" -> chaddr = value(p, ctxt, MacAddress.class, MacAddress::parse);
                case "clientId" -> clientId = value(p, ctxt, ClientId.class, ClientId::parse);
                case "hostname" -> hostname = value(p, ctxt, Hostname.class, Hostname::of);
                case "vendorClass" -> vendorClass = value(p, ctxt, String.class, Function.identity());
                case "relay" -> relay = relay(p, ctxt);
                default -> p.skipChildren();
            }
        }
        try {
            return new ClientIdentity(chaddr, clientId, hostname, vendorClass, relay);
        } catch (IllegalArgumentException e) {
            throw refused(p, ctxt, ClientIdentity.class, e);
        }
    }

    private static RelayAgent relay(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            return ctxt.readValue(p, RelayAgent.class);
        }
        Ipv4Address giaddr = null;
        Octets circuitId = null;
        Octets remoteId = null;
        Ipv4Address linkSelection = null;
        for (token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "giaddr" -> giaddr = value(p, ctxt, Ipv4Address.class, Ipv4Address::parse);
                case "circuitId" -> circuitId = value(p, ctxt, Octets.class, Octets::parse);
                case "remoteId" -> remoteId = value(p, ctxt, Octets.class, Octets::parse);
                case "linkSelection" -> linkSelection = value(p, ctxt, Ipv4Address.class, Ipv4Address::parse);
                default -> p.skipChildren();
            }
        }
        try {
            return new RelayAgent(giaddr, circuitId, remoteId, linkSelection);
        } catch (IllegalArgumentException e) {
            throw refused(p, ctxt, RelayAgent.class, e);
        }
    }

    /** A value type written as a string ({@code @JsonValue} / {@code @JsonCreator}). */
    private static <T> T value(JsonParser p, DeserializationContext ctxt, Class<T> type, Function<String, T> parse)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            return ctxt.readValue(p, type);
        }
        try {
            return parse.apply(p.getText());
        } catch (IllegalArgumentException e) {
            throw refused(p, ctxt, type, e);
        }
    }

    private static Instant instant(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            Instant instant = IsoInstants.parse(p.getText());
            if (instant != null) {
                return instant;
            }
        }
        return ctxt.readValue(p, Instant.class);
    }

    private static LeaseTime leaseTime(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return ctxt.readValue(p, LeaseTime.class);
        }
        try {
            return LeaseTime.ofSeconds(p.getLongValue());
        } catch (IllegalArgumentException e) {
            throw refused(p, ctxt, LeaseTime.class, e);
        }
    }

    /** An enum constant by name; any other form, or a name the enum lacks, goes to Jackson's enum deserializer. */
    private static <T extends Enum<T>> T constant(JsonParser p, DeserializationContext ctxt, Class<T> type)
            throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Enum.valueOf(type, p.getText());
            } catch (IllegalArgumentException notAConstant) {
                // Jackson's enum deserializer says what is wrong with it
            }
        }
        return ctxt.readValue(p, type);
    }

    private static ValueInstantiationException refused(JsonParser p, DeserializationContext ctxt, Class<?> type,
                                                       RuntimeException cause) {
        return ValueInstantiationException.from(p, "Cannot construct instance of `" + type.getName()
                + "`, problem: " + cause.getMessage(), ctxt.constructType(type), cause);
    }
}
