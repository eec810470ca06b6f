package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The lease ran out without renewal and was reclaimed at {@code at} (it ended at
 * {@code expiredAt}). {@code transactionId} is the exchange that last granted it. The address is
 * free; the client is remembered for it.
 */
@Revision("1")
public record LeaseExpired(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                           TransactionId transactionId, Instant at, Instant expiredAt) implements LeaseEvent {
}
