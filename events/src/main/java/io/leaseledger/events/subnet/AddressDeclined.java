package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * DHCPDECLINE: the client found {@code address} in use by someone else. Its lease (or offer)
 * ends and the address is kept out of the pool until {@code probationUntil}.
 */
@Revision("1")
public record AddressDeclined(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                              TransactionId transactionId, Instant at, Instant probationUntil)
        implements LeaseEvent {
}
