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
 * DHCPACK: the client holds {@code address} until {@code expiresAt} ({@link Instant#MAX} for an
 * infinite lease). Also ends the client's outstanding offer, whatever its address.
 */
@Revision("1")
public record LeaseGranted(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                           TransactionId transactionId, Instant at, GrantKind kind, LeaseTime leaseTime,
                           Instant expiresAt) implements LeaseEvent {
}
