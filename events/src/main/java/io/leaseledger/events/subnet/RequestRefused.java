package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * DHCPNAK. {@code address} is what the client asked for (option 50, else ciaddr), or 0.0.0.0
 * when it named none.
 */
@Revision("1")
public record RequestRefused(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                             TransactionId transactionId, Instant at, RequestState state, NakReason reason)
        implements LeaseEvent {
}
