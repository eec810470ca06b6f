package io.leaseledger.subnet;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Which of the HA partner's events a subnet takes into its own log ({@code ReplicatePartnerEvents}).
 *
 * <p>The partner's lease decisions are taken, so that this node holds every lease the partner
 * granted, and the devices it saw using addresses: offers, grants, refusals, declines, releases,
 * expiries, ended probations and sightings. Its configuration events are not (each node applies
 * its own file), nor what it heard on its own links (other DHCP servers, devices) or its
 * exhaustion reports.
 *
 * <p>A partner's event that ends what a different client now holds here is stale — the address
 * was given again since, here or by the partner before the event was read — and is passed over:
 * a release or expiry of an address leased here to another client, a withdrawal of an offer made
 * to another client, an offer of an address leased here to another client. A grant always
 * applies: the partner told that client it has the address, and the newer grant is the truth.
 */
final class PartnerReplication {
    static final String ORIGIN = "origin";
    static final String ORIGIN_SEQUENCE = "originSequence";

    private PartnerReplication() {}

    /** Whether {@code event}, decided by the partner, applies to {@code subnet} in {@code state}. */
    static boolean applies(SubnetId subnet, SubnetState state, SubnetEvent event) {
        if (!event.subnetId().equals(subnet)) {
            return false;
        }
        return switch (event) {
            case LeaseGranted e -> true;
            case AddressDeclined e -> true;
            case RequestRefused e -> true;
            case ProbationEnded e -> true;
            case AddressInUseObserved e -> true;
            case LeaseReleased e -> !leasedToAnother(state, e.address(), e.client().key());
            case LeaseExpired e -> !leasedToAnother(state, e.address(), e.client().key());
            case LeaseOffered e -> !leasedToAnother(state, e.address(), e.client().key());
            case OfferWithdrawn e -> {
                Holdings.Offer offer = state.offerAt(e.address());
                yield offer == null || offer.key().equals(e.client().key());
            }
            default -> false;
        };
    }

    /** The metadata that marks an applied event as the partner's. */
    static MetaData origin(String partner, long sequence) {
        return MetaData.from(Map.of(ORIGIN, partner, ORIGIN_SEQUENCE, sequence));
    }

    private static boolean leasedToAnother(SubnetState state, Ipv4Address address,
                                           ClientKey client) {
        Holdings.Lease lease = state.leaseAt(address);
        return lease != null && !lease.key().equals(client);
    }
}
