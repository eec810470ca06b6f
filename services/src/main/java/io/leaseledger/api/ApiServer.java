package io.leaseledger.api;

import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ConfigError;
import io.leaseledger.config.ConfigurationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starting the HTTP API inside a node's application context, and the start-up rule it obeys. */
public final class ApiServer {
    private static final Duration RELEASE_POLL = Duration.ofMillis(10);

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

    /**
     * Waits, at most {@code limit}, until nothing listens on {@code server}'s address any more. The
     * context's close stops the server, but Netty releases its listening socket about 100 ms later,
     * on its own thread: a node started again in this JVM on the same port (a restore, a test) would
     * find the port taken. Whether it is free is asked the only way the kernel answers: by binding it.
     */
    public static void awaitReleased(EmbeddedServer server, Duration limit) {
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(address);
                return;
            } catch (IOException stillBound) {
                if (System.nanoTime() > deadline) {
                    return; // the next start will say which port is taken
                }
            }
            try {
                Thread.sleep(RELEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
