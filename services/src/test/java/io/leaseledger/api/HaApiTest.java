package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.streaming.KafkaBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/ha} of a pair's primary whose partner never came (a real in-JVM Kafka broker):
 * it reads the empty stream, waits {@code max-response-delay} for its partner, then serves; the
 * answer says so, as the OpenAPI document declares. A node alone answers {@code mode: none}
 * ({@link OpenApiResponsesTest}).
 */
class HaApiTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void aPrimaryWhosePartnerNeverCameServesAfterWaitingAndSaysSo() throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
        open.add(broker);
        String yaml = ApiNode.yaml(dir) + """
                node: {name: rack-a}
                kafka: {bootstrap-servers: ['%s'], partitions: 2, replication-factor: 1}
                ha:
                  mode: hot-standby
                  role: primary
                  partner: rack-b
                  heartbeat-interval: 1s
                  max-response-delay: 2s
                """.formatted(broker.bootstrapServers());
        ApiNode api = ApiNode.start(yaml, Clock.systemUTC());
        open.add(api);

        JsonNode answer = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ApiNode.Reply reply = api.get("/api/v1/ha", api.readOnly);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            answer = reply.json();
            if (answer.path("state").asText().equals("serving")) {
                OpenApiResponses document = OpenApiResponses.parse(api.get("/openapi.yaml", null).body());
                assertThat(document.problems(document.response("GET", "/api/v1/ha", 200), reply)).isEmpty();
                break;
            }
            Thread.sleep(100);
        }
        assertThat(answer.path("state").asText()).as(answer.toString()).isEqualTo("serving");
        assertThat(answer.path("mode").asText()).isEqualTo("hot-standby");
        assertThat(answer.path("role").asText()).isEqualTo("primary");
        assertThat(answer.path("partner").asText()).isEqualTo("rack-b");
        assertThat(answer.path("answering").asBoolean()).isTrue();
        assertThat(answer.path("partnerState").isNull()).as("no heartbeat was ever heard").isTrue();
        assertThat(answer.path("caughtUpAt").isTextual()).as("the empty stream was read to its end").isTrue();
        assertThat(answer.path("syncTimedOut").asBoolean()).isFalse();
        assertThat(answer.path("partnerEventsTaken").asLong()).isZero();
        assertThat(api.get("/api/v1/ha", null).status()).isEqualTo(401);
    }
}
