package io.leaseledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseEvent;
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
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The lease events the store writes and reads by hand ({@link LeaseEventJsonWriter},
 * {@link LeaseEventJsonReader}, through {@link StoreEventSerializer}) against Jackson's record
 * (de)serialization with the store's mapper ({@link StoreSerializers#eventMapper()}): the same
 * bytes out, the same events in, the same refusals, for random events with every optional part
 * present or absent, text that needs escaping, and the JSON a later revision or another writer
 * could hand them.
 */
class LeaseEventJsonTest {
    private static final long SEED = 20261201L;
    private static final int EVENTS_PER_TYPE = 1_500;
    /** Vendor classes and unknown fields: anything, escapes and non-ASCII included. */
    private static final String TEXT = "abcXYZ019 -_.:/\"\\\u0001\u001f\u007f\u00e9\u4e2d\ud83d\ude00";
    /** Host names: printable ASCII, the two JSON escapes included. */
    private static final String PRINTABLE = "abcXYZ019 -_.:/\"\\~{}";

    private final ObjectMapper jackson = StoreSerializers.eventMapper();
    private final Serializer store = StoreSerializers.events();
    private final Random random = new Random(SEED);

    @Test
    void everyLeaseEventTypeIsWrittenAndReadByHand() throws Exception {
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            LeaseEvent sample;
            byte[] direct;
            do {
                sample = event(type);
                direct = LeaseEventJsonWriter.write(sample);
            } while (direct == null);
            assertThat(direct).as("%s", sample).isEqualTo(jackson.writeValueAsBytes(sample));
            assertThat(LeaseEventJsonReader.read(type.getName(), revision(type), direct)).isEqualTo(sample);
        }
    }

    /** Through the direct writer and the store's serializer alike. */
    @Test
    void writesTheBytesJacksonWrites() throws Exception {
        Serializer plainAxon = JacksonSerializer.builder().objectMapper(jackson).build();
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            int direct = 0;
            for (int i = 0; i < EVENTS_PER_TYPE; i++) {
                LeaseEvent event = event(type);
                byte[] expected = jackson.writeValueAsBytes(event);
                byte[] written = LeaseEventJsonWriter.write(event);
                if (written != null) {
                    direct++;
                    assertThat(new String(written, StandardCharsets.UTF_8)).as("%s", event)
                            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                }
                SerializedObject<byte[]> stored = store.serialize(event, byte[].class);
                assertThat(stored.getData()).isEqualTo(expected);
                assertThat(stored.getType()).isEqualTo(plainAxon.serialize(event, byte[].class).getType());
            }
            // A good share of the generated events have plain text; the rest (escapes, non-ASCII) went through Jackson.
            assertThat(direct).as("events of %s written directly", type.getSimpleName()).isGreaterThan(EVENTS_PER_TYPE / 10);
        }
    }

    /** The longest parts a client identity may have, then a short event again on the same thread's buffer. */
    @Test
    void writesTheLongestEventsAndShortOnesAfterThem() throws Exception {
        String octets = hex(255);
        ClientIdentity longest = new ClientIdentity(MacAddress.parse("40/" + hex(16)), ClientId.parse(octets),
                Hostname.of("h".repeat(255)), "v".repeat(255), new RelayAgent(Ipv4Address.parse("198.18.0.2"),
                Octets.parse(octets), Octets.parse(octets), Ipv4Address.parse("198.18.7.0")));
        LeaseGranted big = new LeaseGranted(SubnetId.parse("198.18.0.0/16"), Ipv4Address.parse("198.18.1.96"), longest,
                TransactionId.of(-1), Instant.MAX, GrantKind.REBOUND, LeaseTime.INFINITE, Instant.MAX);
        for (int i = 0; i < 3; i++) {
            assertThat(LeaseEventJsonWriter.write(big)).isEqualTo(jackson.writeValueAsBytes(big));
            LeaseReleased small = new LeaseReleased(big.subnetId(), big.address(), ClientIdentity.of(MacAddress.parse(hex(6))),
                    big.transactionId(), Instant.EPOCH);
            assertThat(LeaseEventJsonWriter.write(small)).isEqualTo(jackson.writeValueAsBytes(small));
        }
    }

    @Test
    void leavesTextThatNeedsEscapingToJackson() throws Exception {
        ClientIdentity plain = new ClientIdentity(MacAddress.parse("02:00:00:00:00:60"), null, Hostname.of("node-96"),
                "PXEClient:Arch:00007:UNDI:003016", RelayAgent.of(Ipv4Address.parse("198.18.0.2")));
        LeaseReleased released = new LeaseReleased(SubnetId.parse("198.18.0.0/16"), Ipv4Address.parse("198.18.1.96"),
                plain, TransactionId.of(97), Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(LeaseEventJsonWriter.write(released)).isEqualTo(jackson.writeValueAsBytes(released));
        for (String vendorClass : List.of("quote\"", "back\\slash", "tab\t", "caf\u00e9", "\u0000")) {
            LeaseReleased escaped = new LeaseReleased(released.subnetId(), released.address(),
                    plain.withVendorClass(vendorClass), released.transactionId(), released.at());
            assertThat(LeaseEventJsonWriter.write(escaped)).as(vendorClass).isNull();
            assertThat(store.serialize(escaped, byte[].class).getData())
                    .isEqualTo(jackson.writeValueAsBytes(escaped));
        }
    }

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            for (int i = 0; i < EVENTS_PER_TYPE; i++) {
                LeaseEvent event = event(type);
                byte[] json = jackson.writeValueAsBytes(event);
                assertThat(store.<byte[], Object>deserialize(new SimpleSerializedObject<>(json, byte[].class,
                        type.getName(), revision(type)))).as("%s", event).isEqualTo(event);
            }
        }
    }

    /** The direct reader reads what the writer writes, and everything it reads, it reads as Jackson does. */
    @Test
    void readsTheWritersFormDirectlyAndEveryOtherThroughJackson() throws Exception {
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            String revision = revision(type);
            int direct = 0;
            for (int i = 0; i < EVENTS_PER_TYPE; i++) {
                LeaseEvent event = event(type);
                byte[] written = LeaseEventJsonWriter.write(event);
                if (written != null) {
                    direct++;
                    assertThat(LeaseEventJsonReader.read(type.getName(), revision, written)).as("%s", event).isEqualTo(event);
                    assertThat(LeaseEventJsonReader.read(type.getName(), "0", written)).as("another revision").isNull();
                }
                byte[] json = jackson.writeValueAsBytes(event);
                Object read = LeaseEventJsonReader.read(type.getName(), revision, json);
                if (read != null) {
                    assertThat(read).isEqualTo(event);
                }
                SerializedObject<byte[]> stored = store.serialize(event, byte[].class);
                assertThat(store.<byte[], Object>deserialize(stored)).isEqualTo(event);
            }
            assertThat(direct).isGreaterThan(EVENTS_PER_TYPE / 10);
        }
    }

    /** Reordered, unknown, missing and explicitly null fields: what a later revision or another writer may send. */
    @Test
    void readsOtherShapesOfTheSameEventsAsJacksonDoes() throws Exception {
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            for (int i = 0; i < EVENTS_PER_TYPE / 3; i++) {
                ObjectNode json = (ObjectNode) jackson.valueToTree(event(type));
                reshape(json);
                if (json.get("client") instanceof ObjectNode client) {
                    reshape(client);
                    if (client.get("relay") instanceof ObjectNode relay) {
                        reshape(relay);
                    }
                }
                sameOutcome(type, jackson.writeValueAsBytes(json));
            }
        }
    }

    /** Values in other forms than the store writes, and values their types refuse: accepted or refused as Jackson does. */
    @Test
    void acceptsAndRefusesOtherValuesAsJacksonDoes() throws Exception {
        List<Function<ObjectNode, ObjectNode>> changes = List.of(
                n -> n.put("leaseTime", "600"),
                n -> n.put("leaseTime", 0),
                n -> n.put("leaseTime", -5),
                n -> n.put("leaseTime", 1.5),
                n -> n.put("kind", 0),
                n -> n.put("kind", "renewed"),
                n -> n.put("kind", "BOGUS"),
                n -> n.put("reason", "NOT_A_REASON"),
                n -> n.put("state", 2),
                n -> n.put("at", 1_764_547_200L),
                n -> n.put("at", "2026-12-01T00:00:00+01:00"),
                n -> n.put("at", "yesterday"),
                n -> n.put("heldUntil", "+1000000000-12-31T23:59:59.999999999Z"),
                n -> n.put("address", "198.18.300.1"),
                n -> n.put("address", 42),
                n -> n.put("subnetId", "198.18.0.1/16"),
                n -> n.put("subnetId", "nonsense"),
                n -> n.put("transactionId", "0x123456789"),
                n -> n.put("transactionId", "1a2b"),
                n -> n.put("client", "aa:bb:cc:dd:ee:ff"),
                n -> n.set("client", JsonNodeFactory.instance.arrayNode()),
                n -> n.set("client", JsonNodeFactory.instance.objectNode()),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "zz")),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb").put("vendorClass", 7)),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb").put("vendorClass", "")),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb").put("hostname", "")),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb").put("clientId", "01")),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb")
                        .set("relay", JsonNodeFactory.instance.objectNode().put("giaddr", "0.0.0.0"))),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb")
                        .set("relay", JsonNodeFactory.instance.objectNode().put("circuitId", "01"))),
                n -> n.set("client", JsonNodeFactory.instance.objectNode().put("chaddr", "aa:bb")
                        .set("relay", JsonNodeFactory.instance.textNode("198.18.0.1"))));
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            for (Function<ObjectNode, ObjectNode> change : changes) {
                ObjectNode json = change.apply((ObjectNode) jackson.valueToTree(event(type)));
                sameOutcome(type, jackson.writeValueAsBytes(json));
            }
            for (String notAnObject : List.of("[]", "\"text\"", "42", "null")) {
                sameOutcome(type, notAnObject.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The store reads {@code json} as Jackson does, or refuses it where Jackson does; the direct reader only ever agrees. */
    private void sameOutcome(Class<?> type, byte[] json) {
        Object direct = LeaseEventJsonReader.read(type.getName(), revision(type), json);
        var serialized = new SimpleSerializedObject<>(json, byte[].class, type.getName(), revision(type));
        Object expected;
        try {
            expected = jackson.readerFor(type).readValue(json);
        } catch (Exception jacksonRefused) {
            assertThat(direct).as("read directly what Jackson refuses: %s", new String(json)).isNull();
            try {
                Object read = store.deserialize(serialized);
                fail("Jackson refused %s (%s) but the store read %s", new String(json), jacksonRefused, read);
            } catch (RuntimeException refusedToo) {
                return;
            }
            return;
        }
        if (direct != null) {
            assertThat(direct).as(new String(json)).isEqualTo(expected);
        }
        assertThat(store.<byte[], Object>deserialize(serialized)).as(new String(json)).isEqualTo(expected);
    }

    private String revision(Class<?> type) {
        return store.typeForClass(type).getRevision();
    }

    /** Shuffles the fields, drops or nulls some, adds unknown ones of every JSON kind. */
    private void reshape(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            switch (random.nextInt(8)) {
                case 0 -> { } // dropped
                case 1 -> copy.putNull(name);
                default -> copy.set(name, node.get(name));
            }
            if (random.nextInt(4) == 0) {
                copy.set("unknown" + random.nextInt(100), unknownValue());
            }
        }
        node.removeAll();
        node.setAll(copy);
    }

    private JsonNode unknownValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(6)) {
            case 0 -> f.textNode(TEXT);
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.nullNode();
            case 3 -> f.booleanNode(true);
            case 4 -> f.arrayNode().add(1).add(f.objectNode().put("at", "x")).add(f.arrayNode());
            default -> f.objectNode().put("subnetId", "x").set("client", f.objectNode().put("chaddr", 1));
        };
    }

    private LeaseEvent event(Class<?> type) {
        SubnetId subnet = maybe(() -> SubnetId.parse("198.18." + random.nextInt(256) + ".0/24"));
        Ipv4Address address = maybe(this::address);
        ClientIdentity client = maybe(this::client);
        TransactionId xid = maybe(() -> TransactionId.of(random.nextInt()));
        Instant at = maybe(this::instant);
        if (type == LeaseOffered.class) {
            return new LeaseOffered(subnet, address, client, xid, at, maybe(this::leaseTime), maybe(this::instant));
        } else if (type == LeaseGranted.class) {
            return new LeaseGranted(subnet, address, client, xid, at, maybe(() -> pick(GrantKind.values())),
                    maybe(this::leaseTime), maybe(this::instant));
        } else if (type == RequestRefused.class) {
            return new RequestRefused(subnet, address, client, xid, at, maybe(() -> pick(RequestState.values())),
                    maybe(() -> pick(NakReason.values())));
        } else if (type == AddressDeclined.class) {
            return new AddressDeclined(subnet, address, client, xid, at, maybe(this::instant));
        } else if (type == LeaseReleased.class) {
            return new LeaseReleased(subnet, address, client, xid, at);
        } else if (type == LeaseExpired.class) {
            return new LeaseExpired(subnet, address, client, xid, at, maybe(this::instant));
        } else if (type == OfferWithdrawn.class) {
            return new OfferWithdrawn(subnet, address, client, xid, at, maybe(() -> pick(OfferWithdrawn.Reason.values())));
        } else if (type == ProbationEnded.class) {
            return new ProbationEnded(subnet, address, client, xid, at);
        }
        throw new AssertionError("a lease event this test does not generate: " + type);
    }

    private ClientIdentity client() {
        MacAddress chaddr = random.nextInt(5) == 0
                ? MacAddress.parse((2 + random.nextInt(40)) + "/" + hex(1 + random.nextInt(16)))
                : MacAddress.parse(hex(6));
        RelayAgent relay = maybe(() -> new RelayAgent(Ipv4Address.parse("198.19." + random.nextInt(256) + ".1"),
                maybe(() -> random.nextInt(8) == 0 ? Octets.EMPTY : Octets.parse(hex(1 + random.nextInt(20)))),
                maybe(() -> Octets.parse(hex(1 + random.nextInt(20)))), maybe(this::address)));
        return new ClientIdentity(chaddr, maybe(() -> ClientId.parse(hex(2 + random.nextInt(30)))),
                maybe(() -> Hostname.of(text(PRINTABLE))), maybe(() -> text(TEXT)), relay);
    }

    private Ipv4Address address() {
        return Ipv4Address.parse(random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + random.nextInt(256));
    }

    private Instant instant() {
        return switch (random.nextInt(10)) {
            case 0 -> Instant.MAX;
            case 1 -> Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 0), random.nextInt(1_000_000_000));
            case 2 -> Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L));
            case 3 -> Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            case 4 -> Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000) * 1_000L);
            default -> Instant.ofEpochSecond(random.nextLong(1_700_000_000L, 1_800_000_000L), random.nextInt(1_000_000_000));
        };
    }

    private LeaseTime leaseTime() {
        return random.nextInt(5) == 0 ? LeaseTime.INFINITE : LeaseTime.ofSeconds(1 + random.nextInt(1_000_000));
    }

    private String text(String alphabet) {
        int length = 1 + random.nextInt(30);
        int codePoints = alphabet.codePointCount(0, alphabet.length());
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(codePoints))));
        }
        return s.toString();
    }

    private String hex(int octets) {
        byte[] bytes = new byte[octets];
        random.nextBytes(bytes);
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            if (!s.isEmpty()) {
                s.append(':');
            }
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
        return random.nextInt(6) == 0 ? null : value.get();
    }

    @Test
    void theGeneratorCoversEveryComponent() {
        // A component added to a lease event must be added to the generator (it builds the records
        // through their canonical constructors) and so to the hand-written serializers, which the
        // tests above then hold to Jackson's output.
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            assertThat(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).limit(5))
                    .containsExactly("subnetId", "address", "client", "transactionId", "at");
        }
    }
}
