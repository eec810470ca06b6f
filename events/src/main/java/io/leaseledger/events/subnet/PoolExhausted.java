package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * No address was free for a client: the subnet went from "has a free address" to exhausted.
 * Emitted once per transition, not per refused DISCOVER; any event that frees an address ends
 * the exhausted state, and the next failure is reported again.
 *
 * @param client        the first client that found the pool empty
 * @param poolSize      addresses in the dynamic ranges
 */
@Revision("1")
public record PoolExhausted(SubnetId subnetId, @PersonalData("client") ClientIdentity client,
                            TransactionId transactionId, long poolSize, Instant at) implements SubnetEvent {
}
