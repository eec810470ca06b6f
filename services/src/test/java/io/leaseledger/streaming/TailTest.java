package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.KafkaConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tail} against a real broker that a rack published to: filters, lines, JSON, --max. */
class TailTest {
    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static Rack rack;
    static KafkaPublisher publisher;
    static KafkaConfiguration kafka;
    static long stored;

    @BeforeAll
    static void publishALoad() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"));
        kafka = broker.configuration();
        rack = new Rack(dir.resolve("rack")).withSubnets(2);
        publisher = Publishing.start(kafka, "rack-7", rack.store);
        for (var ack : rack.load(0, 20)) {
            ack.get(60, TimeUnit.SECONDS);
        }
        stored = rack.storedEvents().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (publisher.status().acknowledged() < stored && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(publisher.status().acknowledged()).isEqualTo(stored);
    }

    @AfterAll
    static void stop() throws Exception {
        publisher.close();
        rack.close();
        broker.close();
    }

    private static List<String> tail(StreamFilter filter, boolean json, long max) {
        return tail(filter, json, max, Duration.ofSeconds(30));
    }

    private static List<String> tail(StreamFilter filter, boolean json, long max, Duration limit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tail.Outcome outcome = Tail.run(kafka, new Tail.Options(filter, true, json, Optional.of(max),
                Optional.of(limit)), new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> false);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize((int) outcome.printed());
        return lines;
    }

    @Test
    void aSubnetAndATypeSelectThoseEventsAsReadableLines() {
        String subnet = rack.subnets.get(1).toString();
        List<String> lines = tail(StreamFilter.of(List.of(subnet), null, List.of("LeaseGranted")), false, 20);
        assertThat(lines).hasSize(20).allSatisfy(line -> assertThat(line)
                .matches("\\S+Z " + subnet.replace(".", "\\.") + " #\\d+ LeaseGranted 198\\.18\\.\\d+\\.\\d+ "
                        + "02:00:00:00:00:[0-9a-f]{2} kind=NEW leaseTime=600 \\[rack-7]"));
    }

    @Test
    void aMacSelectsItsClientsEventsOnEverySubnetAsJson() throws Exception {
        // Asks for more than there are, and reads the whole stream for 5 s: only these four exist,
        // DISCOVER → LeaseOffered and REQUEST → LeaseGranted on each of the two subnets.
        List<String> lines = tail(StreamFilter.of(List.of(), "02:00:00:00:00:05", List.of()), true, 8, Duration.ofSeconds(5));
        assertThat(lines).hasSize(4);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = mapper.readTree(line);
            assertThat(event.path("data").path("client").path("chaddr").asText()).isEqualTo("02:00:00:00:00:05");
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isIn("io.leaseledger.LeaseOffered.v1", "io.leaseledger.LeaseGranted.v1");
        }
    }

    @Test
    void maxStopsAtThatManyEvents() {
        assertThat(tail(StreamFilter.EVERYTHING, false, 5)).hasSize(5);
    }

    @Test
    void badCriteriaAreNamed() {
        assertThatThrownBy(() -> StreamFilter.of(List.of("198.18.0.0/33"), null, List.of()))
                .hasMessageStartingWith("--subnet 198.18.0.0/33");
        assertThatThrownBy(() -> StreamFilter.of(List.of(), "not-a-mac", List.of()))
                .hasMessageStartingWith("--mac not-a-mac");
    }
}
