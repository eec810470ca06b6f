package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the read commands ({@code leases}, {@code history}, {@code utilisation}, {@code log}) reach
 * a node: through its HTTP API, with a token, so they work against any node (a region's
 * PostgreSQL projections included) with the same access control as any other client.
 */
final class ApiClient {
    static final String TOKEN_ENV = "LEASELEDGER_TOKEN";
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL",
            description = "The node's API (default: from --config, else http://127.0.0.1:8067).")
    URI url;

    @Option(names = "--config", paramLabel = "FILE", description = "Take the API's address from this configuration's api: block.")
    Path config;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "An API token (read-only is enough to read; discoveries clear needs operator, backup admin); default: the " + TOKEN_ENV + " environment variable.")
    String token;

    @Option(names = "--json", description = "Print the API's JSON instead of a table (for scripts).")
    boolean json;

    /** A failure the command reports in one line and turns into its exit code. */
    static final class Failure extends Exception {
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    URI base() throws Failure {
        if (url != null) {
            return url;
        }
        if (config != null) {
            try {
                ApiConfiguration api = new ConfigurationLoader(HostInterfaces.system()).load(config).api();
                return URI.create("http://" + api.bind() + ":" + api.port());
            } catch (ConfigurationException e) {
                throw new Failure(2, e.getMessage());
            }
        }
        return URI.create("http://127.0.0.1:" + ApiConfiguration.DEFAULT_PORT);
    }

    /** GET {@code path} with the query parameters that are not null; the JSON answer, or a Failure. */
    JsonNode get(String path, Map<String, Object> query) throws Failure {
        return send("GET", path, query, 200);
    }

    /** POST to {@code path} with no body; the JSON answer (201 Created), or a Failure. */
    JsonNode post(String path) throws Failure {
        return send("POST", path, Map.of(), 201);
    }

    /** POST {@code text} as {@code text/plain} to {@code path} with the query parameters that are not null; the JSON answer (200), or a Failure. */
    JsonNode postText(String path, Map<String, Object> query, String text) throws Failure {
        return send("POST", path, query, 200, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    }

    /** DELETE {@code path} with the query parameters that are not null; the JSON answer (200), or a Failure. */
    JsonNode delete(String path, Map<String, Object> query) throws Failure {
        return send("DELETE", path, query, 200);
    }

    /**
     * GET {@code path} as server-sent events ({@code Last-Event-ID} when given): the response, its
     * body the stream's lines as they come; a Failure when the node answers anything but 200.
     */
    HttpResponse<Stream<String>> stream(HttpClient http, String path, Map<String, Object> query, String lastEventId)
            throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(target(path, query)).header("Authorization", "Bearer " + token())
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String raw = response.body().collect(Collectors.joining("\n"));
                throw new Failure(2, "HTTP " + response.statusCode() + ": " + describe(parse(raw), raw));
            }
            return response;
        } catch (ConnectException e) {
            throw new Failure(3, "cannot reach the API at " + base() + " (is serve running with an api: block?)");
        } catch (IOException e) {
            throw new Failure(3, "the API at " + base() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(3, "interrupted");
        }
    }

    private String token() throws Failure {
        String token = this.token != null ? this.token : System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new Failure(2, "no API token: pass --token or set " + TOKEN_ENV
                    + " (create one with: leaseledger token create --config FILE --role read-only --name NAME)");
        }
        return token;
    }

    /** The node's URI of {@code path} with the query parameters that are not null (a list: the parameter repeated). */
    private URI target(String path, Map<String, Object> query) throws Failure {
        String q = query.entrySet().stream().filter(e -> e.getValue() != null)
                .flatMap(e -> (e.getValue() instanceof Iterable<?> values
                        ? java.util.stream.StreamSupport.stream(values.spliterator(), false) : Stream.of(e.getValue()))
                        .map(v -> e.getKey() + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return URI.create(base().toString().replaceAll("/+$", "") + path + (q.isEmpty() ? "" : "?" + q));
    }

    private JsonNode send(String method, String path, Map<String, Object> query, int expected) throws Failure {
        return send(method, path, query, expected, null);
    }

    /** {@code text} null: no body; else a {@code text/plain} one (a lease file: its import may take minutes). */
    private JsonNode send(String method, String path, Map<String, Object> query, int expected,
                          HttpRequest.BodyPublisher text) throws Failure {
        String token = token();
        URI base = base();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(path, query))
                .timeout(text == null ? Duration.ofSeconds(30) : Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : text);
        if (text != null) {
            builder.header("Content-Type", "text/plain; charset=utf-8");
        }
        HttpRequest request = builder.build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = parse(response.body());
            if (response.statusCode() != expected) {
                throw new Failure(response.statusCode() == 404 ? 1 : 2, "HTTP " + response.statusCode() + ": " + describe(body, response.body()));
            }
            return body;
        } catch (ConnectException e) {
            throw new Failure(3, "cannot reach the API at " + base + " (is serve running with an api: block?)");
        } catch (IOException e) {
            throw new Failure(3, "the API at " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(3, "interrupted");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(JsonNode body, String raw) {
        if (body == null || !body.has("message")) {
            return raw;
        }
        StringBuilder out = new StringBuilder(body.get("message").asText());
        if (body.has("fields")) {
            body.get("fields").forEach(f -> out.append("\n  ").append(f.get("field").asText()).append(": ")
                    .append(f.get("value").isNull() ? "" : "'" + f.get("value").asText() + "' ")
                    .append(f.get("message").asText()));
        }
        return out.toString();
    }

    static Map<String, Object> query(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }

    /** A JSON field as table text: {@code -} for null or missing. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
