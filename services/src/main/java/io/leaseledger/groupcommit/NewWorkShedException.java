package io.leaseledger.groupcommit;

import java.time.Duration;

/**
 * A message that would start new work (a DISCOVER) refused because the subnet's oldest waiting
 * message has waited more than half the max wait: a DORA begun now would not finish in time, so
 * the subnet answers the clients it has already offered an address first ({@link SubnetMailbox}).
 */
public final class NewWorkShedException extends RuntimeException {
    public NewWorkShedException(String subnet, Duration oldestWaited, Duration limit) {
        super("the oldest packet waiting for subnet " + subnet + " has waited " + oldestWaited.toMillis()
                + " ms, more than the " + limit.toMillis() + " ms new clients may join; a new client's packet is dropped"
                + " so the offered ones get their answers", null, false, false);
    }
}
