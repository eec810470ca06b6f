package io.leaseledger.subnet;

import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.ImportLease;
import io.leaseledger.events.subnet.ImportOutcome;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.subnet.Holdings.Lease;
import java.util.List;

/**
 * Whether a lease another server granted may be taken over here, and the events that do it. Pure,
 * like {@link LeaseRules}: the aggregate applies the events.
 *
 * <p>The other server's promise is kept only where this subnet would itself let the client have
 * the address now, by the same {@link SubnetState#availability} a REQUEST meets: a lease or a
 * live offer of another client, a reservation for another host, a probation or a sighting here
 * win over the file, and an address outside every dynamic range is reported, not leased (the
 * configuration does not match the server it replaces). Taking over an expired lease, a stale
 * offer or an ended probation reclaims it first, as a REQUEST would.
 */
final class ImportRules {
    private static final TransactionId NO_TRANSACTION = TransactionId.of(0);

    /** What the import did, and the events to apply in order (none unless {@link ImportOutcome#IMPORTED}). */
    record Judgement(ImportOutcome outcome, List<SubnetEvent> events) {
        static Judgement nothing(ImportOutcome outcome) {
            return new Judgement(outcome, List.of());
        }
    }

    private final SubnetId subnetId;
    private final SubnetState state;
    private final LeaseRules leaseRules;

    ImportRules(SubnetId subnetId, SubnetState state) {
        this.subnetId = subnetId;
        this.state = state;
        this.leaseRules = new LeaseRules(subnetId, state);
    }

    Judgement judge(ImportLease lease) {
        if (!state.defined() || state.removed() || !state.settings().managed()) {
            return Judgement.nothing(ImportOutcome.NOT_SERVED);
        }
        Ipv4Address address = lease.address();
        if (!state.cidr().contains(address)) {
            throw new SubnetCommandRejected(SubnetCommandRejected.Reason.INVALID,
                    address + " is not on subnet " + subnetId);
        }
        if (!lease.expiresAt().isAfter(lease.at())) {
            return Judgement.nothing(ImportOutcome.EXPIRED);
        }
        ClientKey key = lease.client().key();
        Lease current = state.leaseAt(address);
        if (current != null && current.key().equals(key)) {
            return Judgement.nothing(ImportOutcome.ALREADY_HELD);
        }
        // One lease per client: a live one elsewhere here wins; one that ran out is ended by the grant (MOVED).
        Ipv4Address held = state.leasedAddressOf(key);
        if (held != null && !held.equals(address) && !state.leaseAt(held).expiredAt(lease.at())) {
            return Judgement.nothing(ImportOutcome.CLIENT_HOLDS_ANOTHER);
        }
        Availability availability = state.availability(address, key, lease.client().chaddr(), lease.at());
        ImportOutcome refusal = switch (availability) {
            case FREE, HELD_BY_CLIENT, EXPIRED_LEASE, STALE_OFFER, PROBATION_OVER -> null;
            case LEASED, OFFERED -> ImportOutcome.HELD_BY_ANOTHER;
            case RESERVED_FOR_OTHER -> ImportOutcome.RESERVED_FOR_ANOTHER;
            case IN_PROBATION, IN_USE_BY_OTHER -> ImportOutcome.UNAVAILABLE;
            case NOT_ALLOCATABLE -> ImportOutcome.OUTSIDE_POOL;
        };
        if (refusal != null) {
            return Judgement.nothing(refusal);
        }
        List<SubnetEvent> events = leaseRules.reclaimFirst(address, availability, lease.at());
        events.add(new LeaseGranted(subnetId, address, lease.client(), NO_TRANSACTION, lease.at(), GrantKind.IMPORTED,
                lease.leaseTime(), lease.expiresAt()));
        return new Judgement(ImportOutcome.IMPORTED, events);
    }
}
