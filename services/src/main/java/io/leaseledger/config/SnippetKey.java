package io.leaseledger.config;

import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.types.MacAddress;

import java.util.Optional;

/**
 * Which snippet: a scope, the host for a HOST snippet, and the option code. One value per key.
 *
 * @param host present exactly for {@link OptionScope#HOST}
 */
public record SnippetKey(OptionScope scope, Optional<MacAddress> host, int code) {

    public SnippetKey {
        if ((scope == OptionScope.HOST) != host.isPresent()) {
            throw new IllegalArgumentException("a host is required for HOST snippets and only for them");
        }
    }

    public static SnippetKey global(int code) {
        return new SnippetKey(OptionScope.GLOBAL, Optional.empty(), code);
    }

    public static SnippetKey subnet(int code) {
        return new SnippetKey(OptionScope.SUBNET, Optional.empty(), code);
    }

    public static SnippetKey host(MacAddress mac, int code) {
        return new SnippetKey(OptionScope.HOST, Optional.of(mac), code);
    }

    /** The host as the events carry it: null unless HOST. */
    MacAddress hostOrNull() {
        return host.orElse(null);
    }
}
