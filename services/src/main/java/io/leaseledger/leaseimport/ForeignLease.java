package io.leaseledger.leaseimport;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One lease as another DHCP server's lease file holds it, the newest entry for its address: the
 * client it was granted to, how long it was granted for, and when it ends.
 */
public record ForeignLease(Ipv4Address address, @PersonalData("client") ClientIdentity client, LeaseTime leaseTime,
                           Instant expiresAt) {
    public ForeignLease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * {@code client} with the host name the file gives, when it is one this server can keep; else
     * without it, said through {@code notes}: a name is not worth a lease.
     */
    static ClientIdentity withHostnameIfValid(ClientIdentity client, String hostname, Consumer<String> notes) {
        try {
            return client.withHostname(Hostname.of(hostname));
        } catch (IllegalArgumentException e) {
            notes.accept("host name not kept (" + e.getMessage() + "); the lease is");
            return client;
        }
    }
}
