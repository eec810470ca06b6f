package io.leaseledger.config;

import io.leaseledger.events.types.Ipv4Address;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The HTTP API: the {@code api:} block of the file. Without the block there is no HTTP server at
 * all (a DHCP node that nobody asked to expose stays closed); with it, the API listens on
 * {@link #bind}:{@link #port}, loopback unless the file says otherwise.
 *
 * @param enabled    false when the file has no {@code api:} block, or says {@code enabled: false}
 * @param bind       the IPv4 address to listen on ({@code 127.0.0.1} by default)
 * @param port       the TCP port; 0 picks a free one (tests)
 * @param tokensFile where the hashed API tokens live ({@code STORE_PATH/api-tokens.json} by default)
 */
public record ApiConfiguration(boolean enabled, Ipv4Address bind, int port, Path tokensFile) {

    public static final int DEFAULT_PORT = 8067;
    public static final Ipv4Address DEFAULT_BIND = Ipv4Address.of(127, 0, 0, 1);
    public static final String TOKENS_FILE_NAME = "api-tokens.json";

    public ApiConfiguration {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(tokensFile, "tokensFile");
    }

    /** No {@code api:} block: no HTTP server; tokens (for the CLI) still default beside the store. */
    public static ApiConfiguration disabled(StoreConfiguration store) {
        return new ApiConfiguration(false, DEFAULT_BIND, DEFAULT_PORT, defaultTokensFile(store));
    }

    static Path defaultTokensFile(StoreConfiguration store) {
        return Path.of(store.path()).resolve(TOKENS_FILE_NAME);
    }

    /** 127.0.0.0/8: only processes on this machine can connect. */
    public boolean loopback() {
        return (bind.value() >>> 24) == 127;
    }

    /** Reads the {@code api:} block; every problem is reported through {@code node}. */
    static ApiConfiguration read(YamlNode node, StoreConfiguration store) {
        boolean enabled = node.bool("enabled").orElse(true);
        Ipv4Address bind = node.parsed("bind", "an IPv4 address (dotted quad)", Ipv4Address::parse).orElse(DEFAULT_BIND);
        if (bind.isAny() || bind.equals(Ipv4Address.BROADCAST)) {
            node.error("bind", bind + " would listen on every interface: name one address of this machine");
        }
        int port = node.integer("port", 0, 65535).map(Long::intValue).orElse(DEFAULT_PORT);
        Path tokens = node.text("tokens-file").map(Path::of).orElse(defaultTokensFile(store));
        node.finish();
        return new ApiConfiguration(enabled, bind, port, tokens);
    }
}
