package io.leaseledger.leaseimport;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import java.time.Instant;
import java.util.Objects;

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
}
