package io.leaseledger.subnet;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.subnet.ReportAddressInUse;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.subnet.Holdings.HostReservation;
import io.leaseledger.subnet.Holdings.Lease;
import io.leaseledger.subnet.Holdings.Offer;
import io.leaseledger.subnet.Holdings.Sighting;
import java.time.Instant;

/**
 * Whether a report of an address seen in use is news, and the event that records it. Pure, like
 * {@link LeaseRules}: the aggregate applies the event.
 *
 * <p>Only what can change a decision is recorded: a sighting of an address the subnet gives out
 * (a dynamic range, a host reservation) by a device it did not give it to. The first sighting of
 * a device on an address is an event, and so is one that comes after half of the last event's
 * hold (the hold starts anew); the ARPs in between are not, so a chatty device costs a few
 * events per hold time, not one per packet.
 */
final class InUseRules {

    /** What the report did, and the event to apply (null when it is not news). */
    record Judgement(InUseOutcome outcome, AddressInUseObserved event) {
        static Judgement nothing(InUseOutcome outcome) {
            return new Judgement(outcome, null);
        }
    }

    private final SubnetId subnetId;
    private final SubnetState state;

    InUseRules(SubnetId subnetId, SubnetState state) {
        this.subnetId = subnetId;
        this.state = state;
    }

    Judgement judge(ReportAddressInUse report) {
        if (!state.defined() || state.removed() || !state.settings().managed()) {
            return Judgement.nothing(InUseOutcome.NOT_SERVED);
        }
        Ipv4Address address = report.address();
        MacAddress mac = report.mac();
        Instant at = report.at();
        if (!state.cidr().contains(address)) {
            throw new SubnetCommandRejected(SubnetCommandRejected.Reason.INVALID,
                    address + " is not on subnet " + subnetId);
        }
        if (state.settings().inUseHold().isZero()) {
            return Judgement.nothing(InUseOutcome.DISABLED);
        }
        HostReservation reservation = state.reservationAt(address);
        if (reservation == null && !state.pool().contains(address)) {
            return Judgement.nothing(InUseOutcome.NOT_ALLOCATABLE);
        }
        Lease lease = state.leaseAt(address);
        Offer offer = state.offerAt(address);
        // A device known only by its answer to an ICMP echo (mac null) is nobody's: it may be the
        // holder, but nothing says so, and an address in doubt is not given out.
        if (mac != null && (reservation != null && reservation.mac().equals(mac)
                || lease != null && lease.client().chaddr().equals(mac)
                || offer != null && offer.client().chaddr().equals(mac)
                || lease == null && offer == null && mac.equals(state.lastHolderMacAt(address)))) {
            // The last of these: the client that released it (or let it expire) and nobody took it
            // since. RFC 2131 clients answer ARP for a moment after a RELEASE; the address is kept
            // for that client anyway (automatic allocation). Should it go to someone else while
            // the device still uses it, that sighting is recorded (OFFERED) and the REQUEST NAKed.
            return Judgement.nothing(InUseOutcome.HOLDER);
        }
        Sighting earlier = state.sightingOf(address, mac);
        if (earlier != null && earlier.freshAt(at) && at.isBefore(earlier.refreshDue())) {
            return Judgement.nothing(InUseOutcome.ALREADY_KNOWN);
        }
        InUseStanding standing = reservation != null ? InUseStanding.RESERVED
                : lease != null ? InUseStanding.LEASED
                : offer != null ? InUseStanding.OFFERED
                : state.probationAt(address) != null ? InUseStanding.PROBATION
                : InUseStanding.FREE;
        return new Judgement(earlier != null && earlier.freshAt(at) ? InUseOutcome.REFRESHED : InUseOutcome.RECORDED,
                new AddressInUseObserved(subnetId, address, mac, at, standing, at.plus(state.settings().inUseHold())));
    }
}
