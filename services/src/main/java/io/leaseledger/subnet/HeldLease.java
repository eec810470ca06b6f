package io.leaseledger.subnet;

import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import java.time.Instant;

/**
 * One lease as the subnet holds it, for readers outside the aggregate (the crash test, an
 * operator's diagnostic): the address, the client it is bound to and that client's hardware
 * address, and when it expires. A copy: changing the subnet later does not change it.
 */
public record HeldLease(Ipv4Address address, ClientKey client, MacAddress chaddr, Instant expiresAt) {
    public HeldLease {
        if (address == null || client == null || chaddr == null || expiresAt == null) {
            throw new IllegalArgumentException("a held lease needs address, client, chaddr and expiry");
        }
    }
}
