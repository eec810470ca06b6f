package io.leaseledger.api;

import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ConfigError;
import io.leaseledger.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starting the HTTP API inside a node's application context, and the start-up rule it obeys. */
public final class ApiServer {
    private ApiServer() {}

    /**
     * Refuses an API on a non-loopback address while the tokens file holds no token: anyone on
     * the network could reach it, and nobody could use it. Checked before anything starts.
     */
    public static void check(ApiConfiguration api) throws ConfigurationException {
        if (!api.enabled() || api.loopback()) {
            return;
        }
        TokenStore tokens = new TokenStore(api.tokensFile());
        if (tokens.list().isEmpty()) {
            throw new ConfigurationException("the configuration", List.of(new ConfigError("api.bind",
                    api.bind() + " is not a loopback address and " + tokens.file() + " holds no API token: "
                            + "create one first (leaseledger token create --config FILE --role admin --name NAME), "
                            + "or bind 127.0.0.1")));
        }
    }

    /** The Micronaut properties of the HTTP server (host and port). */
    public static Map<String, Object> properties(ApiConfiguration api) {
        return Map.of("micronaut.server.host", api.bind().toString(),
                "micronaut.server.port", api.port(),
                // Our own JSON errors; no Micronaut banner or server header to advertise versions.
                "micronaut.server.server-header", "leaseledger",
                // Times as ISO-8601 text, and every field present (null when unknown), so clients see one shape.
                "jackson.serialization.write-dates-as-timestamps", false,
                "jackson.serialization-inclusion", "ALWAYS");
    }

    /** Starts the HTTP server when the configuration asks for one; the context closes it. */
    public static Optional<EmbeddedServer> start(ApplicationContext context, ApiConfiguration api) {
        if (!api.enabled()) {
            return Optional.empty();
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return Optional.of(server);
    }
}
