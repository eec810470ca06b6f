package io.leaseledger.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.projections.ProjectionDatabase;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.Projections;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.readside.ReadSideHealth;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A region's API: reads over its projections with the same tokens; configuration writes are 503
 * (the racks own the subnets). The projections are in H2 here, in a PostgreSQL database made for
 * the test in {@link RegionApiOnPostgresTest}.
 */
class RegionApiTest {
    private static final String SUBNET = "198.18.0.0/24";
    private static final String MAC = "52:54:00:00:03:01";

    @TempDir
    Path dir;

    /** Where the region keeps its projections: H2 files unless a subclass says otherwise. */
    NodeProjections databases() throws Exception {
        return NodeDatabases.h2();
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String method, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A pool as RegionNode opens one (the same URL normalisation), closed before the databases are dropped. */
    private static HikariDataSource open(ProjectionsConfiguration projections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(ProjectionDatabase.normalisedUrl(projections.jdbcUrl()));
        hikari.setUsername(projections.username());
        hikari.setPassword(projections.password().orElse(""));
        hikari.setMaximumPoolSize(2);
        return new HikariDataSource(hikari);
    }

    /** What the region's Kafka consumer would apply for one rack's subnet with one bound lease. */
    private static void project(DSLContext dsl, Instant at) {
        SubnetId subnet = new SubnetId(SUBNET);
        ClientIdentity client = new ClientIdentity(MacAddress.parse(MAC), null, null, null, null);
        List<SubnetEvent> events = List.of(
                new SubnetDefined(subnet, Cidr.parse(SUBNET), SubnetSettings.defaults(), at),
                new RangeAdded(subnet, AddressRange.of("198.18.0.100", "198.18.0.199"), RangeKind.DYNAMIC, at),
                new LeaseGranted(subnet, Ipv4Address.parse("198.18.0.100"), client, TransactionId.of(1), at,
                        GrantKind.NEW, LeaseTime.ofSeconds(600), at.plusSeconds(600)));
        List<StoredEvent> stored = new ArrayList<>();
        for (SubnetEvent event : events) {
            stored.add(new StoredEvent("ev-" + stored.size(), SUBNET, stored.size(), at, event));
        }
        for (var projection : Projections.all()) {
            new ProjectionRunner(projection, dsl, Clock.systemUTC()).apply(stored, new SourcePosition("kafka", "test"));
        }
    }

    @Test
    void readsAnswerFromTheProjectionsAndWritesAreUnavailable() throws Exception {
        try (NodeProjections databases = databases(); HikariDataSource dataSource = open(databases.projections(dir))) {
            ProjectionDatabase.migrate(dataSource);
            DSLContext dsl = ProjectionDatabase.dsl(dataSource, ProjectionDatabase.dialect(dataSource.getJdbcUrl()));
            project(dsl, Instant.now());
            readAndWriteThroughTheRegionApi(new LeaseQueries(dsl));
        }
    }

    private void readAndWriteThroughTheRegionApi(LeaseQueries queries) throws Exception {
        ApiConfiguration config = new ApiConfiguration(true, Ipv4Address.parse("127.0.0.1"), 0, dir.resolve("tokens.json"));
        String operator = new TokenStore(config.tokensFile()).create("ops", Role.OPERATOR, Instant.now()).token();
        String admin = new TokenStore(config.tokensFile()).create("admin", Role.ADMIN, Instant.now()).token();

        var consumerFailing = new java.util.concurrent.atomic.AtomicReference<java.util.Optional<ReadSideHealth.Failing>>(
                java.util.Optional.empty());
        try (RegionApi api = RegionApi.start(config, queries, consumerFailing::get,
                registry -> { }).orElseThrow();
             HttpClient http = HttpClient.newHttpClient()) {
            URI base = api.uri();
            HttpResponse<String> health = send(http, base.resolve("/health"), "GET", null, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ApiNode.JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
            assertThat(ApiNode.JSON.readTree(health.body()).get("projections").get("status").asText()).isEqualTo("FOLLOWING");
            // A region whose consumer cannot write its projections still answers, stale: DEGRADED, not down.
            consumerFailing.set(java.util.Optional.of(new ReadSideHealth.Failing(java.time.Duration.ofSeconds(42),
                    "DataAccessException: insert failed (caused by IOException: No space left on device)")));
            HttpResponse<String> degraded = send(http, base.resolve("/health"), "GET", null, null);
            assertThat(degraded.statusCode()).isEqualTo(200);
            var degradedBody = ApiNode.JSON.readTree(degraded.body());
            assertThat(degradedBody.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(degradedBody.get("subnets").asInt()).isZero();
            assertThat(degradedBody.get("projections").get("status").asText()).isEqualTo("FAILING");
            assertThat(degradedBody.get("projections").get("failingForSeconds").asDouble()).isEqualTo(42.0);
            assertThat(degradedBody.get("projections").get("cause").asText()).contains("No space left on device");
            assertThat(HealthApiTest.metric(send(http, base.resolve("/metrics"), "GET", null, null).body(),
                    "leaseledger_projections_failing_seconds")).isEqualTo(42.0);
            consumerFailing.set(java.util.Optional.empty());
            assertThat(send(http, base.resolve("/api/v1/leases"), "GET", null, null).statusCode()).isEqualTo(401);
            HttpResponse<String> leases = send(http, base.resolve("/api/v1/leases"), "GET", operator, null);
            assertThat(leases.statusCode()).as(leases.body()).isEqualTo(200);
            assertThat(ApiNode.JSON.readTree(leases.body()).get("items")).singleElement().satisfies(lease -> {
                assertThat(lease.get("address").asText()).isEqualTo("198.18.0.100");
                assertThat(lease.get("mac").asText()).isEqualTo(MAC);
                assertThat(lease.get("state").asText()).isEqualTo("BOUND");
            });
            HttpResponse<String> utilisation = send(http, base.resolve("/api/v1/utilisation"), "GET", operator, null);
            assertThat(utilisation.statusCode()).as(utilisation.body()).isEqualTo(200);
            assertThat(ApiNode.JSON.readTree(utilisation.body())).singleElement().satisfies(subnet -> {
                assertThat(subnet.get("subnet").asText()).isEqualTo(SUBNET);
                assertThat(subnet.get("poolSize").asLong()).isEqualTo(100);
                assertThat(subnet.get("poolInUse").asLong()).isEqualTo(1);
            });
            HttpResponse<String> write = send(http, base.resolve("/api/v1/subnets"), "POST", operator, "{\"cidr\": \"198.18.0.0/24\"}");
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.body()).contains("unavailable", "rack");
            HttpResponse<String> foreign = send(http, base.resolve("/api/v1/foreign-dhcp-servers"), "GET", operator, null);
            assertThat(foreign.statusCode()).as("a region hears no link").isEqualTo(503);
            assertThat(foreign.body()).contains("unavailable", "decision=foreign-server");
            HttpResponse<String> events = send(http, base.resolve("/api/v1/events"), "GET", operator, null);
            assertThat(events.statusCode()).as("a region keeps no event store").isEqualTo(503);
            assertThat(events.body()).contains("unavailable", "Kafka");
            HttpRequest leaseFile = HttpRequest.newBuilder(base.resolve("/api/v1/lease-imports"))
                    .POST(HttpRequest.BodyPublishers.ofString("4102444800 52:54:00:00:0c:01 198.18.0.120 * *\n"))
                    .header("Content-Type", "text/plain").header("Authorization", "Bearer " + admin).build();
            HttpResponse<String> imported = http.send(leaseFile, HttpResponse.BodyHandlers.ofString());
            assertThat(imported.statusCode()).as("a region's subnets are the racks'").isEqualTo(503);
            assertThat(imported.body()).contains("unavailable", "rack");
            assertThat(send(http, base.resolve("/metrics"), "GET", null, null).statusCode()).isEqualTo(200);
        }
    }
}
