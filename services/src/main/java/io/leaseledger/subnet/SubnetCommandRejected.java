package io.leaseledger.subnet;

import java.util.Objects;

/**
 * A configuration command the subnet refuses: the message names the subnet and the offending
 * value (an overlapping range, a reservation colliding with another). Nothing was applied.
 */
public final class SubnetCommandRejected extends RuntimeException {

    /** Why, as a caller must tell it apart (the HTTP API answers 409 for one, 422 for the others). */
    public enum Reason {
        /** The value is fine on its own but collides with what the subnet already has: an overlap, a taken address. */
        CONFLICT,
        /** The value cannot be on this subnet at all: outside its addresses, inside a reserved range, too large. */
        INVALID,
        /** The subnet was removed: define it again first. */
        REMOVED
    }

    private final Reason reason;

    public SubnetCommandRejected(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
