package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real node for API tests: its store and projections in H2 files of a temporary directory or
 * in PostgreSQL ({@link NodeDatabases}), DHCP on a loopback port, the
 * HTTP API on an ephemeral loopback port, and one token per role. Requests go through
 * {@link HttpClient}, as a script's would.
 */
final class ApiNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final LeaseLedgerNode node;
    final URI base;
    final String readOnly;
    final String operator;
    final String admin;
    final TokenStore tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiNode(LeaseLedgerNode node, TokenStore tokens, String readOnly, String operator, String admin) {
        this.node = node;
        this.tokens = tokens;
        this.base = node.apiUri().orElseThrow();
        this.readOnly = readOnly;
        this.operator = operator;
        this.admin = admin;
    }

    /** The DHCP port of the node (loopback). */
    int dhcpPort() {
        return node.transport().bindings().getFirst().localAddress().getPort();
    }

    static String yaml(Path dir) {
        return yaml(dir, NodeDatabases.h2());
    }

    /** @param databases where the node keeps its event store and projections ({@code store:}, {@code projections:}) */
    static String yaml(Path dir, NodeDatabases databases) {
        int dhcpPort = ThreadLocalRandom.current().nextInt(20_000, 40_000);
        return """
                server:
                  port: %d
                  bind: [127.0.0.1]
                  warm-up: false
                  server-identifier: 127.0.0.1
                api:
                  bind: 127.0.0.1
                  port: 0
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    lease-time: 10m
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                    hosts:
                      - {mac: "52:54:00:00:00:01", address: 198.18.0.50, hostname: probe-host}
                """.formatted(dhcpPort) + databases.yaml(dir);
    }

    /**
     * A free loopback port below Linux's ephemeral range (32768–60999), for a test that starts a
     * node twice on the same API port: no connection's source port can hold it in between.
     */
    static int freeApiPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (java.net.ServerSocket free = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return free.getLocalPort();
            } catch (java.net.BindException taken) {
                // another one
            }
        }
        throw new IOException("no free port in 20000-32000");
    }

    static ApiNode start(Path dir) throws Exception {
        return start(dir, NodeDatabases.h2());
    }

    static ApiNode start(Path dir, NodeDatabases databases) throws Exception {
        return start(yaml(dir, databases), Clock.systemUTC());
    }

    /** A node from {@code yaml} (an edited {@link #yaml}), its commands timed by {@code clock}. */
    static ApiNode start(String yaml, Clock clock) throws Exception {
        LeaseLedgerConfiguration config = new ConfigurationLoader(HostInterfaces.system()).parse(yaml, "test.yaml");
        TokenStore tokens = new TokenStore(config.api().tokensFile());
        Instant now = Instant.now();
        String readOnly = tokens.create("reader", Role.READ_ONLY, now).token();
        String operator = tokens.create("operator", Role.OPERATOR, now).token();
        String admin = tokens.create("admin", Role.ADMIN, now).token();
        return new ApiNode(LeaseLedgerNode.start(config, clock), tokens, readOnly, operator, admin);
    }

    /** A DORA through the packet path, relayed from 198.18.0.1 as {@code mac}: the address ACKed. */
    String dora(String mac) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(HexFormat.ofDelimiter(":").parseHex(mac),
                        Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), false, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            if (ack.messageType() != MessageType.ACK) {
                throw new AssertionError("not an ACK: " + ack.messageType());
            }
            return Ipv4Address.format(ack.yiaddr());
        }
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    Reply send(String method, String path, String token, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** POSTs {@code text} as {@code text/plain} (a file as it is on disk). */
    Reply postText(String path, String token, String text) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(text)).header("Content-Type", "text/plain");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    @Override
    public void close() {
        node.close();
        http.close();
    }
}
