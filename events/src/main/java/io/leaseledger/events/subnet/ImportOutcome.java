package io.leaseledger.events.subnet;

/** What an {@link ImportLease} did. Only {@link #IMPORTED} emits an event. */
public enum ImportOutcome {
    /** The client holds the address here now: {@link LeaseGranted} ({@link GrantKind#IMPORTED}) emitted. */
    IMPORTED,
    /** The client already holds this address here (an import run twice, or the client renewed since). */
    ALREADY_HELD,
    /** The lease ended before the import: nothing to keep. */
    EXPIRED,
    /** Another client leases the address, or has it offered, here. */
    HELD_BY_ANOTHER,
    /** The client holds another address of this subnet here: one lease per client. */
    CLIENT_HOLDS_ANOTHER,
    /** The address is reserved for another host here. */
    RESERVED_FOR_ANOTHER,
    /** Declined here and in probation, or seen in use by another device. */
    UNAVAILABLE,
    /** Neither in a dynamic range nor reserved for this client here: this configuration would not give it out. */
    OUTSIDE_POOL,
    /** The subnet is unmanaged, removed or never defined here: it leases nothing. */
    NOT_SERVED
}
