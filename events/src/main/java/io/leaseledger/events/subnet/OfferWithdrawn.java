package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An outstanding offer ended without a lease: the address is free again. */
@Revision("1")
public record OfferWithdrawn(SubnetId subnetId, Ipv4Address address, @PersonalData("client") ClientIdentity client,
                             TransactionId transactionId, Instant at, Reason reason) implements LeaseEvent {

    public enum Reason {
        /** The client's SELECTING REQUEST named another server (RFC 2131 §4.3.2). */
        CLIENT_SELECTED_ANOTHER_SERVER,
        /** The offer hold time passed without a REQUEST (reclaimed, or the address was wanted). */
        HOLD_EXPIRED
    }
}
