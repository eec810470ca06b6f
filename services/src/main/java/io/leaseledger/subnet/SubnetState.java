package io.leaseledger.subnet;

import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.subnet.Holdings.HostReservation;
import io.leaseledger.subnet.Holdings.Lease;
import io.leaseledger.subnet.Holdings.Offer;
import io.leaseledger.subnet.Holdings.Probation;
import io.leaseledger.subnet.Holdings.Sighting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one subnet. Mutated only by the {@code on...} methods, which the aggregate's
 * event-sourcing handlers call (cheap: O(1) map updates and O(log n) index moves); read by the
 * rules and the allocation policy.
 *
 * <p>The non-transient fields are the whole truth and the snapshot's JSON. The transient
 * {@link Indexes} (pool layout, the taken-bit set, expiry orders, reverse maps) are derived
 * from them, rebuilt lazily after a snapshot is loaded or the ranges change.
 */
final class SubnetState {

    private Cidr cidr;
    private SubnetSettings settings;
    private boolean removed;
    /** Set by PoolExhausted, cleared by anything that frees an address: one report per transition. */
    private boolean exhausted;
    /** Pool index where the search for the next free address starts (iterative allocation). */
    private int cursor;
    private final List<AddressRange> dynamicRanges = new ArrayList<>();
    private final List<AddressRange> reservedRanges = new ArrayList<>();
    private final Map<Integer, HostReservation> reservations = new HashMap<>();
    private final Map<Integer, Lease> leases = new HashMap<>();
    private final Map<Integer, Offer> offers = new HashMap<>();
    private final Map<Integer, Probation> probations = new HashMap<>();
    /** Address → the client that last held it (released or expired), for automatic allocation. */
    private final Map<Integer, ClientKey> rememberedClients = new HashMap<>();
    private final Map<String, Octets> optionSnippets = new HashMap<>();
    /** Keys of the snippets marked always-send; absent from snapshots taken before it existed: none then. */
    private final Set<String> alwaysSentSnippets = new HashSet<>();
    /** Absent from snapshots taken before PXE settings were events: none then, as the log says. */
    private PxeSettings pxe = PxeSettings.NONE;
    /**
     * Address → the hardware address of the client remembered for it (the one in
     * {@link #rememberedClients}): that device still answering ARP for a moment after its RELEASE
     * is its holder, not a conflict. Absent from snapshots taken before it existed: empty then.
     */
    private final Map<Integer, MacAddress> lastHolderMacs = new HashMap<>();
    /** Address → devices lately seen using it that the server did not give it to (at most a few each). */
    private final Map<Integer, List<Sighting>> sightings = new HashMap<>();

    /**
     * HA partner → the highest sequence of its stream applied here ({@code ReplicatePartnerEvents}).
     * Absent from snapshots taken before it existed: empty then, as the log says.
     */
    private final Map<String, Long> partnerSequences = new HashMap<>();

    /** A handful of devices fighting over one address is already a conflict; more add nothing to it. */
    static final int MAX_SIGHTINGS_PER_ADDRESS = 4;

    private transient Indexes indexes;

    /** Derived lookups; never serialised. */
    private static final class Indexes {
        Pool pool;
        /** Pool indexes a stranger cannot have: leased, offered, in probation, host-reserved. */
        final BitSet taken = new BitSet();
        final ExpiryIndex leaseExpiry = new ExpiryIndex();
        final ExpiryIndex offerExpiry = new ExpiryIndex();
        final ExpiryIndex probationEnd = new ExpiryIndex();
        /** Per address, when its last sighting's hold ends: stale addresses are forgotten in order. */
        final ExpiryIndex sightingEnd = new ExpiryIndex();
        final Map<ClientKey, Integer> leaseByClient = new HashMap<>();
        final Map<ClientKey, Integer> offerByClient = new HashMap<>();
        final Map<ClientKey, Integer> rememberedByClient = new HashMap<>();
        final Map<MacAddress, Integer> reservationByMac = new HashMap<>();
    }

    private Indexes indexes() {
        if (indexes == null) {
            var built = new Indexes();
            built.pool = new Pool(dynamicRanges);
            reservations.forEach((address, r) -> built.reservationByMac.put(r.mac(), address));
            leases.forEach((address, lease) -> {
                built.leaseExpiry.put(address, lease.expiresAt());
                built.leaseByClient.put(lease.key(), address);
            });
            offers.forEach((address, offer) -> {
                built.offerExpiry.put(address, offer.heldUntil());
                built.offerByClient.put(offer.key(), address);
            });
            probations.forEach((address, probation) -> built.probationEnd.put(address, probation.until()));
            sightings.forEach((address, seen) -> built.sightingEnd.put(address, lastHoldEnd(seen)));
            rememberedClients.forEach((address, key) -> built.rememberedByClient.put(key, address));
            indexes = built;
            for (int address : reservations.keySet()) {
                markTaken(address);
            }
            for (var held : List.of(leases.keySet(), offers.keySet(), probations.keySet())) {
                for (int address : held) {
                    markTaken(address);
                }
            }
        }
        return indexes;
    }

    // ---- reads -------------------------------------------------------------------------------

    boolean defined() {
        return cidr != null;
    }

    Cidr cidr() {
        return cidr;
    }

    SubnetSettings settings() {
        return settings;
    }

    boolean removed() {
        return removed;
    }

    boolean exhausted() {
        return exhausted;
    }

    List<AddressRange> dynamicRanges() {
        return List.copyOf(dynamicRanges);
    }

    List<AddressRange> reservedRanges() {
        return List.copyOf(reservedRanges);
    }

    Pool pool() {
        return indexes().pool;
    }

    int cursor() {
        return cursor;
    }

    /** The next pool index at or after {@code from} that no one holds, or -1. */
    int nextUntaken(int from) {
        int index = indexes().taken.nextClearBit(from);
        return index < pool().size() ? index : -1;
    }

    boolean inReservedRange(Ipv4Address address) {
        for (AddressRange range : reservedRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    RangeKind rangeKindOf(AddressRange range) {
        return dynamicRanges.contains(range) ? RangeKind.DYNAMIC : reservedRanges.contains(range) ? RangeKind.RESERVED : null;
    }

    HostReservation reservationAt(Ipv4Address address) {
        return reservations.get(address.value());
    }

    /** Every host-reserved address, in address order. */
    List<Ipv4Address> reservedAddresses() {
        return reservations.keySet().stream().map(Ipv4Address::of).sorted().toList();
    }

    /** The address reserved for {@code mac}, or null. */
    Ipv4Address reservedAddressOf(MacAddress mac) {
        Integer address = indexes().reservationByMac.get(mac);
        return address == null ? null : Ipv4Address.of(address);
    }

    Lease leaseAt(Ipv4Address address) {
        return leases.get(address.value());
    }

    /** Every lease held now (active or expired but not yet reclaimed), in address order. */
    List<HeldLease> heldLeases() {
        return leases.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Integer::compareUnsigned))
                .map(e -> new HeldLease(Ipv4Address.of(e.getKey()), e.getValue().key(), e.getValue().client().chaddr(),
                        e.getValue().expiresAt()))
                .toList();
    }

    Offer offerAt(Ipv4Address address) {
        return offers.get(address.value());
    }

    Probation probationAt(Ipv4Address address) {
        return probations.get(address.value());
    }

    /** The address the client holds a lease on (active or not yet reclaimed), or null. */
    Ipv4Address leasedAddressOf(ClientKey key) {
        Integer address = indexes().leaseByClient.get(key);
        return address == null ? null : Ipv4Address.of(address);
    }

    Ipv4Address offeredAddressOf(ClientKey key) {
        Integer address = indexes().offerByClient.get(key);
        return address == null ? null : Ipv4Address.of(address);
    }

    /** The address the client last held and gave back (released or expired), or null. */
    Ipv4Address rememberedAddressOf(ClientKey key) {
        Integer address = indexes().rememberedByClient.get(key);
        return address == null ? null : Ipv4Address.of(address);
    }

    PxeSettings pxe() {
        return pxe;
    }

    Octets optionSnippet(String key) {
        return optionSnippets.get(key);
    }

    boolean alwaysSent(String key) {
        return alwaysSentSnippets.contains(key);
    }

    int leaseCount() {
        return leases.size();
    }

    /** Entries a snapshot carries: grows with the subnet's use (see {@code SnapshotSized}). */
    int size() {
        return leases.size() + offers.size() + probations.size() + rememberedClients.size() + reservations.size()
                + sightings.size();
    }

    /** The sighting of {@code mac} on {@code address}, fresh or not (until it is forgotten), or null. */
    Sighting sightingOf(Ipv4Address address, MacAddress mac) {
        List<Sighting> seen = sightings.get(address.value());
        if (seen != null) {
            for (Sighting sighting : seen) {
                if (java.util.Objects.equals(sighting.mac(), mac)) {
                    return sighting;
                }
            }
        }
        return null;
    }

    /** The hardware address of the client remembered for {@code address} (it released it or let it expire), or null. */
    MacAddress lastHolderMacAt(Ipv4Address address) {
        return rememberedClients.containsKey(address.value()) ? lastHolderMacs.get(address.value()) : null;
    }

    /** Whether a device other than {@code mac} was seen using {@code address} and its hold runs at {@code at}. */
    boolean seenInUseByOther(Ipv4Address address, MacAddress mac, Instant at) {
        List<Sighting> seen = sightings.isEmpty() ? null : sightings.get(address.value());
        if (seen != null) {
            for (Sighting sighting : seen) {
                if (!java.util.Objects.equals(sighting.mac(), mac) && sighting.freshAt(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every address with a sighting still held at {@code at}, in address order (tests, diagnostics). */
    List<Ipv4Address> addressesSeenInUse(Instant at) {
        return sightings.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.freshAt(at)))
                .map(e -> Ipv4Address.of(e.getKey())).sorted().toList();
    }

    /**
     * Whether the client ({@code key}, hardware address {@code mac}) may be given {@code address}
     * at {@code at}, and if not, what stands in the way. Checks only; picks nothing.
     */
    Availability availability(Ipv4Address address, ClientKey key, MacAddress mac, Instant at) {
        int value = address.value();
        HostReservation reservation = reservations.get(value);
        if (reservation != null && !reservation.mac().equals(mac)) {
            return Availability.RESERVED_FOR_OTHER;
        }
        if (reservation == null && !pool().contains(address)) {
            return Availability.NOT_ALLOCATABLE;
        }
        Lease lease = leases.get(value);
        if (lease != null && lease.key().equals(key)) {
            return Availability.HELD_BY_CLIENT;
        }
        Availability found = lease != null ? lease.expiredAt(at) ? Availability.EXPIRED_LEASE : Availability.LEASED
                : heldOtherwise(value, key, at);
        // A sighting never takes away the client's own reservation (the operator's word: counted,
        // not obeyed) nor its own lease; anything else it holds back.
        return reservation == null && found.usable() && seenInUseByOther(address, mac, at)
                ? Availability.IN_USE_BY_OTHER : found;
    }

    /** What an offer or a probation makes of an address nobody leases. */
    private Availability heldOtherwise(int value, ClientKey key, Instant at) {
        Offer offer = offers.get(value);
        if (offer != null) {
            return offer.key().equals(key) ? Availability.HELD_BY_CLIENT
                    : offer.staleAt(at) ? Availability.STALE_OFFER : Availability.OFFERED;
        }
        Probation probation = probations.get(value);
        if (probation != null) {
            return probation.overAt(at) ? Availability.PROBATION_OVER : Availability.IN_PROBATION;
        }
        return Availability.FREE;
    }

    /** Leases that ran out by {@code at} and were not reclaimed yet, oldest first. */
    Iterable<ExpiryIndex.Due> expiredLeases(Instant at) {
        return indexes().leaseExpiry.due(at, true);
    }

    /** Offers held past their time by {@code at}, oldest first. */
    Iterable<ExpiryIndex.Due> staleOffers(Instant at) {
        return indexes().offerExpiry.due(at, false);
    }

    /** Probations over by {@code at}, oldest first. */
    Iterable<ExpiryIndex.Due> endedProbations(Instant at) {
        return indexes().probationEnd.due(at, true);
    }

    /** The highest sequence of {@code partner}'s stream applied here; -1 when none. */
    long partnerSequence(String partner) {
        return partnerSequences.getOrDefault(partner, -1L);
    }

    // ---- mutations (event-sourcing handlers only) -------------------------------------------

    /** An event of the partner's stream was applied here (after its own handler). */
    void onReplicated(String partner, long sequence) {
        partnerSequences.merge(partner, sequence, Math::max);
    }

    void onDefined(Cidr definedCidr, SubnetSettings definedSettings) {
        cidr = definedCidr;
        settings = definedSettings;
        removed = false;
    }

    void onChanged(SubnetSettings changed) {
        settings = changed;
    }

    void onRemoved() {
        removed = true;
    }

    void onRangeAdded(AddressRange range, RangeKind kind) {
        (kind == RangeKind.DYNAMIC ? dynamicRanges : reservedRanges).add(range);
        indexes = null;
        if (kind == RangeKind.DYNAMIC) {
            exhausted = false;
        }
    }

    void onRangeRemoved(AddressRange range) {
        dynamicRanges.remove(range);
        reservedRanges.remove(range);
        indexes = null;
        cursor = 0;
    }

    void onHostReserved(MacAddress mac, Ipv4Address address, Hostname hostname) {
        onHostUnreserved(mac);
        reservations.put(address.value(), new HostReservation(mac, hostname));
        indexes().reservationByMac.put(mac, address.value());
        markTaken(address.value());
    }

    void onHostUnreserved(MacAddress mac) {
        Integer address = indexes().reservationByMac.remove(mac);
        if (address != null) {
            reservations.remove(address);
            releaseIfUnheld(address);
        }
    }

    void onOptionSnippetSet(String key, Octets value, boolean alwaysSend) {
        optionSnippets.put(key, value);
        if (alwaysSend) {
            alwaysSentSnippets.add(key);
        } else {
            alwaysSentSnippets.remove(key);
        }
    }

    void onOptionSnippetRemoved(String key) {
        optionSnippets.remove(key);
        alwaysSentSnippets.remove(key);
    }

    void onPxeSettingsSet(PxeSettings settings) {
        pxe = settings;
    }

    void onOffered(Ipv4Address address, ClientIdentity client, TransactionId xid, LeaseTime leaseTime,
                   Instant heldUntil) {
        ClientKey key = client.key();
        int value = address.value();
        Indexes ix = indexes();
        Integer previous = ix.offerByClient.get(key);
        if (previous != null && previous != value) {
            dropOffer(previous);
        }
        Offer replaced = offers.put(value, new Offer(key, client, xid, leaseTime, heldUntil));
        if (replaced != null && !replaced.key().equals(key)) {
            ix.offerByClient.remove(replaced.key(), value);
        }
        ix.offerByClient.put(key, value);
        ix.offerExpiry.put(value, heldUntil);
        markTaken(value);
        forgetOthersOf(value, key);
        int index = ix.pool.indexOf(address);
        if (index >= 0) {
            cursor = index + 1 < ix.pool.size() ? index + 1 : 0;
        }
    }

    void onGranted(Ipv4Address address, ClientIdentity client, TransactionId xid, Instant at, LeaseTime leaseTime,
                   Instant expiresAt) {
        ClientKey key = client.key();
        int value = address.value();
        Indexes ix = indexes();
        Integer offered = ix.offerByClient.get(key);
        if (offered != null) {
            dropOffer(offered);
        }
        Integer previous = ix.leaseByClient.get(key);
        if (previous != null && previous != value) {
            dropLease(previous);
        }
        Lease replaced = leases.put(value, new Lease(key, client, xid, at, leaseTime, expiresAt));
        if (replaced != null && !replaced.key().equals(key)) {
            ix.leaseByClient.remove(replaced.key(), value);
        }
        ix.leaseByClient.put(key, value);
        ix.leaseExpiry.put(value, expiresAt);
        markTaken(value);
        forgetOthersOf(value, key);
        Integer remembered = ix.rememberedByClient.remove(key);
        if (remembered != null) {
            rememberedClients.remove(remembered);
            lastHolderMacs.remove(remembered);
        }
    }

    void onDeclined(Ipv4Address address, ClientIdentity client, TransactionId xid, Instant until) {
        int value = address.value();
        dropLease(value);
        dropOffer(value);
        forgetOthersOf(value, null);
        probations.put(value, new Probation(client, xid, until));
        indexes().probationEnd.put(value, until);
        markTaken(value);
    }

    /** A release or an expiry: the address is free, and remembered for the client who had it. */
    void onLeaseEnded(Ipv4Address address, ClientKey key, MacAddress mac) {
        int value = address.value();
        dropLease(value);
        Indexes ix = indexes();
        Integer earlier = ix.rememberedByClient.put(key, value);
        if (earlier != null && earlier != value) {
            rememberedClients.remove(earlier);
            lastHolderMacs.remove(earlier);
        }
        lastHolderMacs.put(value, mac);
        ClientKey other = rememberedClients.put(value, key);
        if (other != null && !other.equals(key)) {
            ix.rememberedByClient.remove(other);
        }
        releaseIfUnheld(value);
    }

    void onOfferWithdrawn(Ipv4Address address) {
        dropOffer(address.value());
        releaseIfUnheld(address.value());
    }

    void onProbationEnded(Ipv4Address address) {
        probations.remove(address.value());
        indexes().probationEnd.remove(address.value());
        releaseIfUnheld(address.value());
    }

    void onPoolExhausted() {
        exhausted = true;
    }

    /**
     * A device seen using an address: its sighting replaces its earlier one there; sightings whose
     * hold ended by {@code at} are forgotten, here and on every other address (oldest first), so
     * memory holds only what still matters. Uses only the event's own times: replay gives the same.
     */
    void onInUseObserved(Ipv4Address address, MacAddress mac, Instant at, Instant heldUntil) {
        Indexes ix = indexes();
        for (ExpiryIndex.Due due = ix.sightingEnd.firstDue(at, true); due != null; due = ix.sightingEnd.firstDue(at, true)) {
            sightings.remove(due.address());
            ix.sightingEnd.remove(due.address());
        }
        int value = address.value();
        List<Sighting> seen = new ArrayList<>(sightings.getOrDefault(value, List.of()));
        seen.removeIf(s -> java.util.Objects.equals(s.mac(), mac) || !s.freshAt(at));
        seen.add(new Sighting(mac, at, heldUntil));
        if (seen.size() > MAX_SIGHTINGS_PER_ADDRESS) {
            seen.sort(java.util.Comparator.comparing(Sighting::heldUntil));
            seen.removeFirst();
        }
        sightings.put(value, seen);
        ix.sightingEnd.put(value, lastHoldEnd(seen));
    }

    private static Instant lastHoldEnd(List<Sighting> seen) {
        Instant last = Instant.MIN;
        for (Sighting sighting : seen) {
            if (sighting.heldUntil().isAfter(last)) {
                last = sighting.heldUntil();
            }
        }
        return last;
    }

    // ---- internals ---------------------------------------------------------------------------

    private void dropOffer(int address) {
        Offer offer = offers.remove(address);
        if (offer != null) {
            indexes().offerByClient.remove(offer.key(), address);
            indexes().offerExpiry.remove(address);
            releaseIfUnheld(address);
        }
    }

    private void dropLease(int address) {
        Lease lease = leases.remove(address);
        if (lease != null) {
            indexes().leaseByClient.remove(lease.key(), address);
            indexes().leaseExpiry.remove(address);
            releaseIfUnheld(address);
        }
    }

    /** The address goes to someone new: clients other than {@code keep} no longer remember it. */
    private void forgetOthersOf(int address, ClientKey keep) {
        ClientKey remembered = rememberedClients.get(address);
        if (remembered != null && !remembered.equals(keep)) {
            rememberedClients.remove(address);
            lastHolderMacs.remove(address);
            indexes().rememberedByClient.remove(remembered, address);
        }
    }

    private void markTaken(int address) {
        int index = indexes.pool.indexOf(Ipv4Address.of(address));
        if (index >= 0) {
            indexes.taken.set(index);
        }
    }

    /** Clears the taken bit when nothing holds the address any more; anything freed ends exhaustion. */
    private void releaseIfUnheld(int address) {
        if (leases.containsKey(address) || offers.containsKey(address) || probations.containsKey(address)
                || reservations.containsKey(address)) {
            return;
        }
        int index = indexes().pool.indexOf(Ipv4Address.of(address));
        if (index >= 0) {
            indexes.taken.clear(index);
            exhausted = false;
        }
    }
}
