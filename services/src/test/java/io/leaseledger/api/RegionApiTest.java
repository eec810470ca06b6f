package io.leaseledger.api;

import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.projections.ProjectionDatabase;
import io.leaseledger.projections.query.LeaseQueries;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A region's API: reads over its projections with the same tokens; configuration writes are 503 (the racks own the subnets). */
class RegionApiTest {
    @TempDir
    Path dir;

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

    @Test
    void readsAnswerFromTheProjectionsAndWritesAreUnavailable() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(ProjectionDatabase.h2Url(dir));
        dataSource.setUser("sa");
        ProjectionDatabase.migrate(dataSource);
        LeaseQueries queries = new LeaseQueries(ProjectionDatabase.dsl(dataSource, SQLDialect.H2));
        ApiConfiguration config = new ApiConfiguration(true, Ipv4Address.parse("127.0.0.1"), 0, dir.resolve("tokens.json"));
        String operator = new TokenStore(config.tokensFile()).create("ops", Role.OPERATOR, Instant.now()).token();

        try (RegionApi api = RegionApi.start(config, queries).orElseThrow(); HttpClient http = HttpClient.newHttpClient()) {
            URI base = api.uri();
            assertThat(send(http, base.resolve("/health"), "GET", null, null).statusCode()).isEqualTo(200);
            assertThat(send(http, base.resolve("/api/v1/leases"), "GET", null, null).statusCode()).isEqualTo(401);
            HttpResponse<String> leases = send(http, base.resolve("/api/v1/leases"), "GET", operator, null);
            assertThat(leases.statusCode()).isEqualTo(200);
            assertThat(leases.body()).contains("\"items\":[]");
            assertThat(send(http, base.resolve("/api/v1/utilisation"), "GET", operator, null).statusCode()).isEqualTo(200);
            HttpResponse<String> write = send(http, base.resolve("/api/v1/subnets"), "POST", operator, "{\"cidr\": \"198.18.0.0/24\"}");
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.body()).contains("unavailable", "rack");
            HttpResponse<String> foreign = send(http, base.resolve("/api/v1/foreign-dhcp-servers"), "GET", operator, null);
            assertThat(foreign.statusCode()).as("a region hears no link").isEqualTo(503);
            assertThat(foreign.body()).contains("unavailable");
            assertThat(send(http, base.resolve("/metrics"), "GET", null, null).statusCode()).isEqualTo(200);
        }
    }
}
