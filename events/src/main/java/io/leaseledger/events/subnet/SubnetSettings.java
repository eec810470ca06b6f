package io.leaseledger.events.subnet;

import io.leaseledger.events.types.LeaseTime;
import java.time.Duration;

/**
 * How a subnet leases: the part of its configuration the {@code Subnet} aggregate decides with.
 * Options, gateway, DNS and PXE are reply concerns and live elsewhere.
 *
 * @param managed       MAAS "managed": only a managed subnet leases by DHCP
 * @param authoritative NAK requests this server cannot grant on this subnet (else stay silent)
 * @param leaseTime     granted when the client asks for none (option 51 absent)
 * @param minLeaseTime  the shortest lease a client may ask for
 * @param maxLeaseTime  the longest lease a client may ask for
 * @param offerHold     how long an offered address stays held for the client it was offered to;
 *                      zero holds it only within the same batch
 * @param probation     how long a declined address is kept out of the pool (Kea
 *                      {@code decline-probation-period})
 * @param inUseHold     how long an address seen in use by another device (ARP, API report) is
 *                      kept from dynamic allocation after the sighting; absent in events written
 *                      before it existed, which read as the default
 */
public record SubnetSettings(
        boolean managed,
        boolean authoritative,
        LeaseTime leaseTime,
        LeaseTime minLeaseTime,
        LeaseTime maxLeaseTime,
        Duration offerHold,
        Duration probation,
        Duration inUseHold) {

    /** 10 minutes: PXE installers run briefly and machines come and go. */
    public static final LeaseTime DEFAULT_LEASE_TIME = LeaseTime.ofSeconds(600);
    public static final LeaseTime DEFAULT_MIN_LEASE_TIME = LeaseTime.ofSeconds(60);
    public static final LeaseTime DEFAULT_MAX_LEASE_TIME = LeaseTime.ofSeconds(3600);
    /** Long enough for a slow PXE ROM to send its REQUEST, short enough not to starve a pool. */
    public static final Duration DEFAULT_OFFER_HOLD = Duration.ofSeconds(30);
    /** Kea's default {@code decline-probation-period}. */
    public static final Duration DEFAULT_PROBATION = Duration.ofHours(24);
    /**
     * An hour: a device that really uses an address answers ARP far more often (Linux re-verifies
     * a neighbour every few minutes), so its sightings keep the hold alive, while an address whose
     * device went away comes back within the hour.
     */
    public static final Duration DEFAULT_IN_USE_HOLD = Duration.ofHours(1);

    public SubnetSettings {
        if (leaseTime == null || minLeaseTime == null || maxLeaseTime == null) {
            throw new IllegalArgumentException("lease times must not be null");
        }
        if (minLeaseTime.compareTo(leaseTime) > 0 || leaseTime.compareTo(maxLeaseTime) > 0) {
            throw new IllegalArgumentException("lease times must satisfy min <= default <= max, got min "
                    + minLeaseTime + ", default " + leaseTime + ", max " + maxLeaseTime);
        }
        if (offerHold == null || offerHold.isNegative()) {
            throw new IllegalArgumentException("offer hold time must be zero or more, got " + offerHold);
        }
        if (probation == null || probation.isNegative()) {
            throw new IllegalArgumentException("probation time must be zero or more, got " + probation);
        }
        if (inUseHold == null) {
            inUseHold = DEFAULT_IN_USE_HOLD; // an event from before the field existed
        }
        if (inUseHold.isNegative()) {
            throw new IllegalArgumentException("in-use hold time must be zero or more, got " + inUseHold);
        }
    }

    /** Managed, authoritative, 600 s leases (60 s..1 h on request), 30 s offer hold, 24 h probation, 1 h in-use hold. */
    public static SubnetSettings defaults() {
        return new SubnetSettings(true, true, DEFAULT_LEASE_TIME, DEFAULT_MIN_LEASE_TIME, DEFAULT_MAX_LEASE_TIME,
                DEFAULT_OFFER_HOLD, DEFAULT_PROBATION, DEFAULT_IN_USE_HOLD);
    }

    public SubnetSettings withManaged(boolean value) {
        return new SubnetSettings(value, authoritative, leaseTime, minLeaseTime, maxLeaseTime, offerHold, probation, inUseHold);
    }

    public SubnetSettings withAuthoritative(boolean value) {
        return new SubnetSettings(managed, value, leaseTime, minLeaseTime, maxLeaseTime, offerHold, probation, inUseHold);
    }

    /** Sets the default lease time and widens min/max if needed to keep min <= default <= max. */
    public SubnetSettings withLeaseTime(LeaseTime value) {
        return new SubnetSettings(managed, authoritative, value,
                value.compareTo(minLeaseTime) < 0 ? value : minLeaseTime,
                value.compareTo(maxLeaseTime) > 0 ? value : maxLeaseTime, offerHold, probation, inUseHold);
    }

    public SubnetSettings withLeaseTimeBounds(LeaseTime min, LeaseTime max) {
        return new SubnetSettings(managed, authoritative, leaseTime, min, max, offerHold, probation, inUseHold);
    }

    public SubnetSettings withOfferHold(Duration value) {
        return new SubnetSettings(managed, authoritative, leaseTime, minLeaseTime, maxLeaseTime, value, probation, inUseHold);
    }

    public SubnetSettings withProbation(Duration value) {
        return new SubnetSettings(managed, authoritative, leaseTime, minLeaseTime, maxLeaseTime, offerHold, value, inUseHold);
    }

    public SubnetSettings withInUseHold(Duration value) {
        return new SubnetSettings(managed, authoritative, leaseTime, minLeaseTime, maxLeaseTime, offerHold, probation, value);
    }

    /** The lease to grant when the client asked for {@code requested} (null: none). */
    public LeaseTime leaseTimeFor(LeaseTime requested) {
        return requested == null ? leaseTime : requested.clamp(minLeaseTime, maxLeaseTime);
    }
}
