package io.leaseledger.groupcommit;

import java.time.Duration;

/**
 * A packet waited in its subnet's mailbox longer than the max wait and is dropped undecided (and
 * counted): its client has retransmitted or given up by now, and deciding it would only delay
 * the fresher packets behind it. Only happens when the subnet is overloaded.
 */
public final class StaleMessageException extends RuntimeException {
    public StaleMessageException(String subnet, Duration waited, Duration maxWait) {
        super("packet for subnet " + subnet + " waited " + waited.toMillis() + " ms, more than the "
                + maxWait.toMillis() + " ms allowed; dropped undecided", null, false, false);
    }
}
