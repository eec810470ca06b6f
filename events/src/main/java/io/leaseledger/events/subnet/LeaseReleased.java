package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** DHCPRELEASE: the client gave the address back. It is free; the client is remembered for it. */
@Revision("1")
public record LeaseReleased(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                            TransactionId transactionId, Instant at) implements LeaseEvent {
}
