package io.leaseledger.events.subnet;

import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.TransactionId;

/**
 * An event about one address and one client: who (the full identity as the packet gave it),
 * which address, in which exchange ({@code transactionId}) and when ({@code at}).
 */
public sealed interface LeaseEvent extends SubnetEvent
        permits LeaseOffered, OfferWithdrawn, LeaseGranted, RequestRefused, AddressDeclined, LeaseReleased,
        LeaseExpired, ProbationEnded {

    Ipv4Address address();

    ClientIdentity client();

    TransactionId transactionId();
}
