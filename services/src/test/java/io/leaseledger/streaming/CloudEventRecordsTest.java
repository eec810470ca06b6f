package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.store.StoreSerializers;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type of the catalogue, as docs/events.md shows it, becomes a CloudEvents record
 * whose body is valid against the checked-in schema and whose headers are complete; and every
 * schema rejects what its event could never be.
 */
class CloudEventRecordsTest {
    private static final ObjectMapper MAPPER = StoreSerializers.eventMapper();
    private final EventSchemas schemas = new EventSchemas();
    private final CloudEventRecords records = new CloudEventRecords(CloudEventRecords.sourceOf("rack-1"),
            "leases", "configuration", MAPPER);

    /** The JSON example under each "### Name (revision N)" heading of docs/events.md, by event name. */
    static Map<String, String> documentedExamples() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        Matcher m = Pattern.compile("### (\\w+) \\(revision \\d+\\).*?```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static List<SubnetEvent> documentedEvents() throws Exception {
        List<SubnetEvent> events = new ArrayList<>();
        for (var e : documentedExamples().entrySet()) {
            Class<?> type = Class.forName("io.leaseledger.events.subnet." + e.getKey());
            events.add((SubnetEvent) MAPPER.readValue(e.getValue(), type));
        }
        return events;
    }

    @Test
    void everyPermittedEventTypeIsDocumentedWithASchema() throws Exception {
        List<String> permitted = new ArrayList<>();
        for (Class<?> c : SubnetEvent.class.getPermittedSubclasses()) {
            if (c.isInterface()) {
                for (Class<?> l : c.getPermittedSubclasses()) {
                    permitted.add(l.getSimpleName());
                }
            } else {
                permitted.add(c.getSimpleName());
            }
        }
        assertThat(documentedExamples().keySet()).containsExactlyInAnyOrderElementsOf(permitted);
        for (String name : permitted) {
            Class<?> type = Class.forName("io.leaseledger.events.subnet." + name);
            assertThat(getClass().getResource("/schemas/" + EventTypes.versionedName(type) + ".json")).as(name).isNotNull();
        }
    }

    @Test
    void everyDocumentedEventIsAValidCloudEvent() throws Exception {
        long sequence = 0;
        for (SubnetEvent event : documentedEvents()) {
            var message = new GenericDomainEventMessage<>("Subnet", event.subnetId().toString(), sequence++, event);
            ProducerRecord<String, byte[]> record = records.record(message);
            Map<String, String> headers = StreamAssertions.headers(record.headers());

            assertThat(record.key()).isEqualTo(event.subnetId().toString());
            assertThat(record.topic()).isEqualTo(event instanceof LeaseEvent || event instanceof io.leaseledger.events.subnet.PoolExhausted
                    || event instanceof io.leaseledger.events.subnet.AddressInUseObserved
                    || event instanceof io.leaseledger.events.subnet.ForeignDhcpServerObserved
                    || event instanceof io.leaseledger.events.subnet.DeviceSeen
                    || event instanceof io.leaseledger.events.subnet.DiscoveriesCleared ? "leases" : "configuration");
            assertThat(headers).containsEntry("ce_id", message.getIdentifier())
                    .containsEntry("ce_source", "leaseledger://node/rack-1")
                    .containsEntry("ce_type", "io.leaseledger." + EventTypes.versionedName(event.getClass()))
                    .containsEntry("ce_subnetseq", Long.toString(message.getSequenceNumber()));
            StreamAssertions.assertValidCloudEvent(headers, new String(record.value(), StandardCharsets.UTF_8), schemas);
        }
    }

    /**
     * Events as they are most often decided, their optional fields absent: a device heard by ARP
     * (no mDNS name), a clear of every device (no MAC, no address), another server's NAK (nothing
     * offered) relayed (no source MAC), a device that only answered an ICMP echo (no MAC). The schema has no nulls, so an
     * absent field must be left out of the JSON, not written as null (DeviceSeen and ForeignDhcpServerObserved
     * wrote {@code null} until this test).
     */
    @Test
    void eventsWithoutTheirOptionalFieldsAreValidCloudEventsToo() throws Exception {
        var subnet = new io.leaseledger.events.types.SubnetId("198.18.0.0/16");
        List<SubnetEvent> events = List.of(
                new io.leaseledger.events.subnet.DeviceSeen(subnet, "br0",
                        io.leaseledger.events.types.Ipv4Address.parse("198.18.3.250"),
                        io.leaseledger.events.types.MacAddress.parse("aa:bb:cc:dd:ee:ff"), null, java.time.Instant.EPOCH),
                new io.leaseledger.events.subnet.DiscoveriesCleared(subnet, null, null, java.time.Instant.EPOCH),
                new io.leaseledger.events.subnet.AddressInUseObserved(subnet,
                        io.leaseledger.events.types.Ipv4Address.parse("198.18.3.7"), null, java.time.Instant.EPOCH,
                        io.leaseledger.events.subnet.InUseStanding.OFFERED, java.time.Instant.EPOCH.plusSeconds(3600)),
                new io.leaseledger.events.subnet.ForeignDhcpServerObserved(subnet, "br0",
                        io.leaseledger.events.types.Ipv4Address.parse("192.168.1.1"),
                        io.leaseledger.events.types.Ipv4Address.parse("192.168.1.1"), null, "DHCPNAK",
                        io.leaseledger.events.types.MacAddress.parse("aa:bb:cc:dd:ee:ff"), null, java.time.Instant.EPOCH));
        for (SubnetEvent event : events) {
            var record = records.record(new GenericDomainEventMessage<>("Subnet", subnet.toString(), 0, event));
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain("null");
            StreamAssertions.assertValidCloudEvent(StreamAssertions.headers(record.headers()), json, schemas);
        }
    }

    /**
     * The publisher builds records from the event table's rows without building the events (it
     * reads only {@code at} and {@code address} from the stored JSON): the same records, header
     * for header and byte for byte, as from the events themselves — also when {@code at} has a
     * fraction, and through the full read when the stored revision is not the class's.
     */
    @Test
    void aRecordFromAStoredRowIsTheRecordOfItsEvent() throws Exception {
        var serializer = StoreSerializers.events();
        CloudEventRecords fromStore = new CloudEventRecords(CloudEventRecords.sourceOf("rack-1"), "leases", "configuration",
                MAPPER, serializer);
        List<SubnetEvent> events = new ArrayList<>(documentedEvents());
        for (SubnetEvent e : documentedEvents()) {
            // The same event decided at a time with a fraction of a second.
            String json = MAPPER.writeValueAsString(e).replace("\"at\":\"" + e.at() + "\"",
                    "\"at\":\"" + e.at().plusNanos(123_456_700) + "\"");
            events.add(MAPPER.readValue(json, e.getClass()));
        }
        long sequence = 0;
        for (SubnetEvent event : events) {
            var message = new GenericDomainEventMessage<>("Subnet", event.subnetId().toString(), sequence++, event);
            ProducerRecord<String, byte[]> expected = records.record(message);
            byte[] stored = serializer.serialize(event, byte[].class).getData();
            for (String revision : List.of("1", "0")) {
                var row = new EventTableReader.Row(sequence, message.getIdentifier(), event.subnetId().toString(),
                        message.getSequenceNumber(), event.getClass().getName(), revision, "2026-11-22T08:00:00.000Z", stored);
                ProducerRecord<String, byte[]> actual = fromStore.record(row);
                assertThat(actual.topic()).isEqualTo(expected.topic());
                assertThat(actual.key()).isEqualTo(expected.key());
                assertThat(actual.partition()).isEqualTo(expected.partition());
                assertThat(new String(actual.value(), StandardCharsets.UTF_8)).isEqualTo(new String(expected.value(), StandardCharsets.UTF_8));
                assertThat(actual.headers().toArray()).as("%s revision %s", event, revision)
                        .containsExactly(expected.headers().toArray());
            }
        }
        assertThat(fromStore.record(new EventTableReader.Row(1, "x", "agg", 0, "java.lang.String", null,
                "2026-11-22T08:00:00.000Z", "\"text\"".getBytes(StandardCharsets.UTF_8)))).as("not a subnet event").isNull();
    }

    /**
     * An event this node took from its HA partner carries {@code ce_origin} (its decider), from the
     * stored metadata and from the message alike; an event decided here has none.
     */
    @Test
    void anEventTakenFromThePartnerNamesItsOrigin() throws Exception {
        var serializer = StoreSerializers.events();
        CloudEventRecords fromStore = new CloudEventRecords(CloudEventRecords.sourceOf("rack-a"), "leases", "configuration",
                MAPPER, serializer);
        SubnetEvent event = documentedEvents().stream().filter(e -> e instanceof io.leaseledger.events.subnet.LeaseGranted)
                .findFirst().orElseThrow();
        var metaData = org.axonframework.messaging.MetaData.from(java.util.Map.of("origin", "rack-b", "originSequence", 7L));
        var message = new GenericDomainEventMessage<>("Subnet", event.subnetId().toString(), 3, event, metaData);
        byte[] stored = serializer.serialize(event, byte[].class).getData();
        byte[] storedMeta = serializer.serialize(metaData, byte[].class).getData();
        var row = new EventTableReader.Row(4, message.getIdentifier(), event.subnetId().toString(), 3,
                event.getClass().getName(), "1", "2026-11-22T08:00:00.000Z", stored, storedMeta);
        for (ProducerRecord<String, byte[]> record : List.of(fromStore.record(row), fromStore.record(message))) {
            assertThat(new String(record.headers().lastHeader(CloudEventRecords.ORIGIN).value(), StandardCharsets.UTF_8))
                    .isEqualTo("rack-b");
            assertThat(new String(record.headers().lastHeader(CloudEventRecords.SOURCE).value(), StandardCharsets.UTF_8))
                    .isEqualTo("leaseledger://node/rack-a");
        }
        byte[] emptyMeta = serializer.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class).getData();
        var own = new EventTableReader.Row(5, "own", event.subnetId().toString(), 4, event.getClass().getName(), "1",
                "2026-11-22T08:00:00.000Z", stored, emptyMeta);
        assertThat(fromStore.record(own).headers().lastHeader(CloudEventRecords.ORIGIN)).isNull();
    }

    @Test
    void theEventTablesTimestampReadsAsAxonReadsIt() {
        for (String t : List.of("2026-11-22T08:00:00.000Z", "2026-11-30T06:47:50.123Z", "1999-12-31T23:59:59.999Z",
                "2028-02-29T12:00:00.001Z", "2026-11-22T08:00:00Z", "2026-11-22T08:00:00.123456Z")) {
            java.time.Instant axon = org.axonframework.common.DateTimeUtils.parseInstant(t);
            assertThat(KafkaPublisher.timestampMicros(t)).as(t)
                    .isEqualTo(axon.getEpochSecond() * 1_000_000 + axon.getNano() / 1_000);
        }
    }

    @Test
    void schemasRefuseWhatNoEventIs() {
        String granted = "https://schemas.leaseledger.io/events/LeaseGranted.v1.json";
        assertThat(schemas.problems(granted, "{\"subnetId\": \"198.18.0.0/16\"}")).isNotEmpty();
        assertThat(schemas.problems(granted, """
                {"subnetId": "198.18.0.0/16", "address": "198.18.3.7", "client": {"chaddr": "aa:bb:cc:dd:ee:ff"},
                 "transactionId": "0x1a2b3c4d", "at": "2026-11-22T08:00:00Z", "kind": "GIVEN", "leaseTime": 600,
                 "expiresAt": "2026-11-22T08:10:00Z"}""")).anyMatch(p -> p.contains("kind"));
        assertThat(schemas.problems(granted, """
                {"subnetId": "198.18.0.0/16", "address": "198.18.3.7", "client": {"chaddr": "aa:bb:cc:dd:ee:ff"},
                 "transactionId": "0x1a2b3c4d", "at": "2026-11-22T08:00:00Z", "kind": "NEW", "leaseTime": 600,
                 "expiresAt": "2026-11-22T08:10:00Z", "surprise": 1}""")).anyMatch(p -> p.contains("surprise"));
    }
}
