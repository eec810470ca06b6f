package io.leaseledger.subnet;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.subnet.AllocationPolicy.Allocation;
import io.leaseledger.subnet.Holdings.Lease;
import io.leaseledger.subnet.Holdings.Offer;
import io.leaseledger.subnet.Holdings.Probation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 2131 §4.3 for one subnet: what to answer one client message, and which events say so.
 * Pure: reads the state, changes nothing; the aggregate applies the events in order, so the
 * next message of the same batch sees them.
 *
 * <ul>
 *   <li>DISCOVER: offer the address {@link AllocationPolicy} chooses, held for the offer hold
 *       time; no address → silence (and PoolExhausted on the transition).</li>
 *   <li>REQUEST, SELECTING: another server chosen → withdraw our offer, silence; us → ack the
 *       requested address if the client may have it, else NAK (the chosen server always
 *       answers).</li>
 *   <li>REQUEST, INIT-REBOOT: wrong subnet or wrong address → NAK when authoritative; no record
 *       of the client → silence unless authoritative (then granted if the address is free).</li>
 *   <li>REQUEST, RENEWING/REBINDING: the holder's lease is extended; a lease we do not know →
 *       NAK when authoritative, silence otherwise.</li>
 *   <li>DECLINE: the client's address goes into probation. RELEASE: the client's lease ends,
 *       and the client is remembered for it. Neither is answered.</li>
 * </ul>
 * Non-authoritative subnets never NAK except in SELECTING (the client chose us); unmanaged
 * subnets answer nothing at all.
 */
final class LeaseRules {

    /** The answer to one message and the events that record it, in order. */
    record Outcome(Decision decision, List<SubnetEvent> events) {
        static Outcome silent(SilentReason reason) {
            return new Outcome(new Decision.Silent(reason), List.of());
        }
    }

    private final SubnetId subnetId;
    private final SubnetState state;
    private final AllocationPolicy policy;

    LeaseRules(SubnetId subnetId, SubnetState state) {
        this.subnetId = subnetId;
        this.state = state;
        this.policy = new AllocationPolicy(state);
    }

    Outcome decide(ClientMessage message, Instant at) {
        if (!state.defined() || state.removed()) {
            return Outcome.silent(SilentReason.SUBNET_NOT_SERVED);
        }
        if (!state.settings().managed()) {
            return Outcome.silent(SilentReason.SUBNET_UNMANAGED);
        }
        return switch (message.kind()) {
            case DISCOVER -> discover(message, at);
            case REQUEST -> request(message, at);
            case DECLINE -> decline(message, at);
            case RELEASE -> release(message, at);
        };
    }

    private Outcome discover(ClientMessage message, Instant at) {
        Allocation allocation = policy.allocate(message.client(), message.requestedAddress(), at);
        if (allocation instanceof Allocation.Allocated allocated) {
            LeaseTime leaseTime = state.settings().leaseTimeFor(message.requestedLeaseTime());
            List<SubnetEvent> events = reclaimFirst(allocated.address(), allocated.availability(), at);
            events.add(new LeaseOffered(subnetId, allocated.address(), message.client(), message.transactionId(), at,
                    leaseTime, at.plus(state.settings().offerHold())));
            return new Outcome(new Decision.Offer(allocated.address(), leaseTime, t1(leaseTime), t2(leaseTime)), events);
        }
        List<SubnetEvent> events = state.exhausted() ? List.of()
                : List.of(new PoolExhausted(subnetId, message.client(), message.transactionId(), state.pool().size(), at));
        return new Outcome(new Decision.Silent(SilentReason.POOL_EXHAUSTED), events);
    }

    private Outcome request(ClientMessage message, Instant at) {
        RequestState requestState = message.requestState();
        return switch (requestState) {
            case SELECTING -> selecting(message, at);
            case INIT_REBOOT -> initReboot(message, at);
            case RENEWING -> extend(message, at, requestState, GrantKind.RENEWED);
            case REBINDING -> extend(message, at, requestState, GrantKind.REBOUND);
            case INVALID -> Outcome.silent(SilentReason.MALFORMED);
        };
    }

    private Outcome selecting(ClientMessage message, Instant at) {
        ClientKey key = message.client().key();
        if (message.isForAnotherServer()) {
            Ipv4Address offered = state.offeredAddressOf(key);
            List<SubnetEvent> events = offered == null ? List.of()
                    : List.of(new OfferWithdrawn(subnetId, offered, message.client(), message.transactionId(), at,
                    OfferWithdrawn.Reason.CLIENT_SELECTED_ANOTHER_SERVER));
            return new Outcome(new Decision.Silent(SilentReason.SELECTED_ANOTHER_SERVER), events);
        }
        Ipv4Address requested = message.requestedAddress();
        if (!state.cidr().contains(requested)) {
            return nak(message, at, requested, NakReason.ADDRESS_NOT_ON_SUBNET);
        }
        Ipv4Address reserved = state.reservedAddressOf(message.client().chaddr());
        if (reserved != null && !reserved.equals(requested)
                && state.availability(reserved, key, message.client().chaddr(), at).usable()) {
            return nak(message, at, requested, NakReason.NOT_OFFERED);
        }
        Availability availability = state.availability(requested, key, message.client().chaddr(), at);
        if (availability.usable()) {
            return grant(message, at, requested, availability, GrantKind.NEW);
        }
        return nak(message, at, requested, refusal(availability));
    }

    private Outcome initReboot(ClientMessage message, Instant at) {
        ClientKey key = message.client().key();
        Ipv4Address requested = message.requestedAddress();
        if (!state.cidr().contains(requested)) {
            return nakIfAuthoritative(message, at, requested, NakReason.ADDRESS_NOT_ON_SUBNET);
        }
        Ipv4Address leased = state.leasedAddressOf(key);
        if (leased != null && !leased.equals(requested)) {
            return nakIfAuthoritative(message, at, requested, NakReason.ADDRESS_UNAVAILABLE);
        }
        boolean known = leased != null || requested.equals(state.rememberedAddressOf(key));
        if (!known && !state.settings().authoritative()) {
            // RFC 2131 §4.3.2: no record of the client → silent, so unsynchronised servers coexist.
            return Outcome.silent(SilentReason.NOT_AUTHORITATIVE);
        }
        Availability availability = state.availability(requested, key, message.client().chaddr(), at);
        if (availability.usable()) {
            return grant(message, at, requested, availability, GrantKind.INIT_REBOOT);
        }
        return nakIfAuthoritative(message, at, requested, refusal(availability));
    }

    private Outcome extend(ClientMessage message, Instant at, RequestState requestState, GrantKind kind) {
        ClientKey key = message.client().key();
        Ipv4Address ciaddr = message.ciaddr();
        if (!state.cidr().contains(ciaddr)) {
            return nakIfAuthoritative(message, at, ciaddr, NakReason.ADDRESS_NOT_ON_SUBNET);
        }
        Lease lease = state.leaseAt(ciaddr);
        boolean known = lease != null && lease.key().equals(key) || ciaddr.equals(state.rememberedAddressOf(key));
        if (!known) {
            return nakIfAuthoritative(message, at, ciaddr, NakReason.NO_SUCH_LEASE);
        }
        Availability availability = state.availability(ciaddr, key, message.client().chaddr(), at);
        if (availability.usable()) {
            return grant(message, at, ciaddr, availability, kind);
        }
        return nakIfAuthoritative(message, at, ciaddr, refusal(availability));
    }

    private Outcome decline(ClientMessage message, Instant at) {
        Ipv4Address declined = message.requestedAddress();
        if (declined == null) {
            return Outcome.silent(SilentReason.MALFORMED);
        }
        if (message.isForAnotherServer()) {
            return Outcome.silent(SilentReason.SELECTED_ANOTHER_SERVER);
        }
        if (!heldBy(declined, message.client().key())) {
            return Outcome.silent(SilentReason.NOT_HELD_BY_CLIENT);
        }
        return new Outcome(new Decision.Silent(SilentReason.NO_REPLY_DEFINED), List.of(new AddressDeclined(subnetId,
                declined, message.client(), message.transactionId(), at, at.plus(state.settings().probation()))));
    }

    private Outcome release(ClientMessage message, Instant at) {
        Ipv4Address released = message.ciaddr();
        if (released.isAny()) {
            return Outcome.silent(SilentReason.MALFORMED);
        }
        if (message.isForAnotherServer()) {
            return Outcome.silent(SilentReason.SELECTED_ANOTHER_SERVER);
        }
        Lease lease = state.leaseAt(released);
        if (lease == null || !lease.key().equals(message.client().key())) {
            return Outcome.silent(SilentReason.NOT_HELD_BY_CLIENT);
        }
        return new Outcome(new Decision.Silent(SilentReason.NO_REPLY_DEFINED),
                List.of(new LeaseReleased(subnetId, released, message.client(), message.transactionId(), at)));
    }

    /**
     * The next reclamation due at {@code at} — the oldest of: an expired lease, an ended
     * probation, a stale offer — or null when nothing is due.
     */
    SubnetEvent nextReclaim(Instant at) {
        ExpiryIndex.Due lease = first(state.expiredLeases(at));
        ExpiryIndex.Due probation = first(state.endedProbations(at));
        ExpiryIndex.Due offer = first(state.staleOffers(at));
        ExpiryIndex.Due oldest = lease;
        for (ExpiryIndex.Due candidate : new ExpiryIndex.Due[] {probation, offer}) {
            if (candidate != null && (oldest == null || candidate.compareTo(oldest) < 0)) {
                oldest = candidate;
            }
        }
        if (oldest == null) {
            return null;
        }
        Ipv4Address address = Ipv4Address.of(oldest.address());
        Availability kind = oldest == lease ? Availability.EXPIRED_LEASE
                : oldest == probation ? Availability.PROBATION_OVER : Availability.STALE_OFFER;
        return reclaimFirst(address, kind, at).getFirst();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Outcome grant(ClientMessage message, Instant at, Ipv4Address address, Availability availability,
                          GrantKind kind) {
        LeaseTime leaseTime = state.settings().leaseTimeFor(message.requestedLeaseTime());
        List<SubnetEvent> events = reclaimFirst(address, availability, at);
        events.add(new LeaseGranted(subnetId, address, message.client(), message.transactionId(), at, kind, leaseTime,
                leaseTime.after(at)));
        return new Outcome(new Decision.Ack(address, leaseTime, t1(leaseTime), t2(leaseTime), kind), events);
    }

    private Outcome nakIfAuthoritative(ClientMessage message, Instant at, Ipv4Address address, NakReason reason) {
        return state.settings().authoritative() ? nak(message, at, address, reason)
                : Outcome.silent(SilentReason.NOT_AUTHORITATIVE);
    }

    private Outcome nak(ClientMessage message, Instant at, Ipv4Address address, NakReason reason) {
        return new Outcome(new Decision.Nak(reason), List.of(new RequestRefused(subnetId, address, message.client(),
                message.transactionId(), at, message.requestState(), reason)));
    }

    private static NakReason refusal(Availability availability) {
        return switch (availability) {
            case NOT_ALLOCATABLE -> NakReason.ADDRESS_NOT_IN_POOL;
            case IN_USE_BY_OTHER -> NakReason.ADDRESS_IN_USE;
            default -> NakReason.ADDRESS_UNAVAILABLE;
        };
    }

    private boolean heldBy(Ipv4Address address, ClientKey key) {
        Lease lease = state.leaseAt(address);
        Offer offer = state.offerAt(address);
        return lease != null && lease.key().equals(key) || offer != null && offer.key().equals(key);
    }

    /** The event that frees {@code address} before it is reused, if {@code availability} needs one. */
    /** The event that frees an address {@code availability} says must be reclaimed before it is given, if any; a list to add to. */
    List<SubnetEvent> reclaimFirst(Ipv4Address address, Availability availability, Instant at) {
        List<SubnetEvent> events = new ArrayList<>(2);
        switch (availability) {
            case EXPIRED_LEASE -> {
                Lease lease = state.leaseAt(address);
                events.add(new LeaseExpired(subnetId, address, lease.client(), lease.transactionId(), at,
                        lease.expiresAt()));
            }
            case STALE_OFFER -> {
                Offer offer = state.offerAt(address);
                events.add(new OfferWithdrawn(subnetId, address, offer.client(), offer.transactionId(), at,
                        OfferWithdrawn.Reason.HOLD_EXPIRED));
            }
            case PROBATION_OVER -> {
                Probation probation = state.probationAt(address);
                events.add(new ProbationEnded(subnetId, address, probation.decliner(), probation.transactionId(), at));
            }
            default -> {
            }
        }
        return events;
    }

    private static ExpiryIndex.Due first(Iterable<ExpiryIndex.Due> due) {
        var iterator = due.iterator();
        return iterator.hasNext() ? iterator.next() : null;
    }

    private static LeaseTime t1(LeaseTime leaseTime) {
        return leaseTime.fraction(1, 2);
    }

    private static LeaseTime t2(LeaseTime leaseTime) {
        return leaseTime.fraction(7, 8);
    }
}
