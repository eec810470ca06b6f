package io.leaseledger.subnet;

import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import java.time.Instant;

/**
 * Which address a client gets: the one place the choice is made.
 *
 * <p>{@link #allocate} tries, in this order, and takes the first candidate the client may have:
 * <ol>
 *   <li><b>The client's host reservation</b> (static allocation, looked up by hardware address).
 *       If the reserved address is held by someone else (leased before the reservation was made,
 *       or declined and in probation), the client falls through to the next steps and the
 *       reserved address is never given to anyone else.</li>
 *   <li><b>The client's current address</b>: its lease (active, or expired but not reclaimed),
 *       then its outstanding offer, then <b>its last address</b>, the one it released or let
 *       expire, if nobody took it since (automatic allocation, RFC 2131 §2.2: "the server
 *       SHOULD choose the address the client last had").</li>
 *   <li><b>The requested address</b> (option 50 of a DISCOVER), if it lies in a dynamic range
 *       and is free. A hint outside the subnet or the pool, or one held by another client, is
 *       ignored, never refused: the client still gets an address.</li>
 *   <li><b>The next free address of the dynamic ranges</b> (dynamic allocation), searched from
 *       a cursor that moves past every offered address, so a released address is not handed to
 *       a stranger before the pool wraps around. When no address is untouched, addresses that
 *       can be reclaimed on the spot are reused, in this order: offers held past their time,
 *       probations that are over, leases that expired; each oldest first.</li>
 * </ol>
 * Never chosen, at any step: an address in a reserved range or outside the dynamic ranges
 * (unless it is the client's own reservation), one reserved for another host, one leased or
 * offered to another client and still held, one in probation, and one <b>seen in use by another
 * device</b> whose hold is not over ({@link Availability#IN_USE_BY_OTHER}; the device itself may
 * have it). A sighting never takes away the client's own reservation or its own lease: those
 * are not dynamic choices.
 *
 * <p>Picking and checking are separate, as in Kea's allocator: {@link IterativePicker} proposes
 * candidates from the pool without judging them, and {@link SubnetState#availability} decides
 * each. Attempts are capped at the pool size, so a full pool costs one bounded pass and ends in
 * {@link Allocation.Exhausted}.
 *
 * <p>The policy is pure: it reads the state and the time it is given and changes nothing. The
 * caller emits the events (a reclaim event first when {@link Availability#needsReclaim()}).
 */
public final class AllocationPolicy {

    /** Which step of the order found the address. */
    public enum Source { RESERVATION, CURRENT_LEASE, CURRENT_OFFER, LAST_ADDRESS, REQUESTED, POOL, REUSED }

    /** The outcome of one allocation. */
    sealed interface Allocation {
        /** Use {@code address}; {@code availability} says whether it must be reclaimed first. */
        record Allocated(Ipv4Address address, Source source, Availability availability) implements Allocation {
        }

        /** No address can be given to this client now. */
        record Exhausted(int attempts) implements Allocation {
        }
    }

    private final SubnetState state;

    AllocationPolicy(SubnetState state) {
        this.state = state;
    }

    /** Chooses an address for {@code client}, who asked for {@code hint} (null if it did not), at {@code at}. */
    Allocation allocate(ClientIdentity client, Ipv4Address hint, Instant at) {
        ClientKey key = client.key();
        MacAddress mac = client.chaddr();

        Allocation found = firstUsable(at, key, mac,
                Source.RESERVATION, state.reservedAddressOf(mac),
                Source.CURRENT_LEASE, state.leasedAddressOf(key),
                Source.CURRENT_OFFER, state.offeredAddressOf(key),
                Source.LAST_ADDRESS, state.rememberedAddressOf(key),
                Source.REQUESTED, hint != null && state.pool().contains(hint) ? hint : null);
        if (found != null) {
            return found;
        }

        int limit = state.pool().size();
        int attempts = 0;
        var picker = new IterativePicker(state);
        for (int index = picker.next(); index >= 0 && attempts < limit; index = picker.next()) {
            attempts++;
            Ipv4Address candidate = state.pool().addressAt(index);
            Availability availability = state.availability(candidate, key, mac, at);
            if (availability.usable()) {
                return new Allocation.Allocated(candidate, Source.POOL, availability);
            }
        }
        for (var reusable : java.util.List.of(state.staleOffers(at), state.endedProbations(at), state.expiredLeases(at))) {
            for (ExpiryIndex.Due due : reusable) {
                if (attempts++ >= limit) {
                    return new Allocation.Exhausted(attempts - 1);
                }
                Ipv4Address candidate = Ipv4Address.of(due.address());
                Availability availability = state.availability(candidate, key, mac, at);
                if (availability.usable()) {
                    return new Allocation.Allocated(candidate, Source.REUSED, availability);
                }
            }
        }
        return new Allocation.Exhausted(attempts);
    }

    private Allocation firstUsable(Instant at, ClientKey key, MacAddress mac, Object... sourcesAndAddresses) {
        for (int i = 0; i < sourcesAndAddresses.length; i += 2) {
            if (sourcesAndAddresses[i + 1] instanceof Ipv4Address address) {
                Availability availability = state.availability(address, key, mac, at);
                if (availability.usable()) {
                    return new Allocation.Allocated(address, (Source) sourcesAndAddresses[i], availability);
                }
            }
        }
        return null;
    }
}
