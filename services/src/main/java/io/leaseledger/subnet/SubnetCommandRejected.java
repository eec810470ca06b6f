package io.leaseledger.subnet;

/**
 * A configuration command the subnet refuses: the message names the subnet and the offending
 * value (an overlapping range, a reservation colliding with another). Nothing was applied.
 */
public final class SubnetCommandRejected extends RuntimeException {

    public SubnetCommandRejected(String message) {
        super(message);
    }
}
