package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.leaseledger.events.types.LeaseTime;

/**
 * DHCPOFFER: {@code address} is held for this client until {@code heldUntil}. A client has at
 * most one outstanding offer: a new one replaces the last; a grant to the client ends it.
 */
@Revision("1")
public record LeaseOffered(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                           TransactionId transactionId, Instant at, LeaseTime leaseTime, Instant heldUntil)
        implements LeaseEvent {
}
