package io.leaseledger.events.subnet;

/** What a {@link ReportAddressInUse} did. Only {@link #RECORDED} and {@link #REFRESHED} emit an event. */
public enum InUseOutcome {
    /** A new sighting: {@link AddressInUseObserved} emitted. */
    RECORDED,
    /** The same device on the same address, seen again after half its hold: the hold starts anew. */
    REFRESHED,
    /** The same device on the same address, seen again within the first half of its hold: nothing to record. */
    ALREADY_KNOWN,
    /**
     * The device is the address's own: its lease or offer holder, its host reservation, or the
     * client that last held it (released or expired) while nobody else has taken it since.
     */
    HOLDER,
    /** The address is neither in a dynamic range nor host-reserved: the server never gives it out. */
    NOT_ALLOCATABLE,
    /** The subnet's in-use hold time is zero: sightings are not kept. */
    DISABLED,
    /** The subnet is unmanaged, removed or never defined: it leases nothing. */
    NOT_SERVED
}
