package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A declined address served its probation and is back in the pool. {@code client} and
 * {@code transactionId} are those of the DECLINE that started it.
 */
@Revision("1")
public record ProbationEnded(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                             TransactionId transactionId, Instant at) implements LeaseEvent {
}
