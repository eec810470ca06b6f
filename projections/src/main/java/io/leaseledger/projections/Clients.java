package io.leaseledger.projections;

import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Octets;

/** A client identity spelled as the projection columns keep it (hex for ids, dotted quad for the relay). */
final class Clients {
    private Clients() {}

    static String key(ClientIdentity c) {
        return c.key().toString();
    }

    static String mac(ClientIdentity c) {
        return c.chaddr().toString();
    }

    static String clientId(ClientIdentity c) {
        return c.clientId() == null ? null : c.clientId().toString();
    }

    static String hostname(ClientIdentity c) {
        return c.hostname() == null ? null : c.hostname().value();
    }

    static String relay(ClientIdentity c) {
        return c.relay() == null ? null : c.relay().giaddr().toString();
    }

    static String circuitId(ClientIdentity c) {
        return c.relay() == null ? null : hex(c.relay().circuitId());
    }

    static String remoteId(ClientIdentity c) {
        return c.relay() == null ? null : hex(c.relay().remoteId());
    }

    private static String hex(Octets octets) {
        return octets == null ? null : octets.toString();
    }
}
