package io.leaseledger.groupcommit;

import java.util.List;

/**
 * Decides a batch of waiting messages for one subnet in one command and returns only after the
 * transaction holding those decisions has committed: one result per message, in order.
 * Throwing fails the whole batch (nothing of it was committed).
 */
@FunctionalInterface
public interface BatchDecider<M, D> {
    List<D> decide(List<M> batch) throws Exception;

    /**
     * Whether {@code next} may join a batch that starts with {@code first}. A batch is what one
     * command decides; messages that need another kind of command start a batch of their own,
     * so that a batch either commits entirely or fails entirely.
     */
    default boolean joins(M first, M next) {
        return true;
    }

    /**
     * Whether {@code message} starts new work (a DISCOVER: an offer whose REQUEST is still to
     * come) rather than finishing or freeing work already begun. An overloaded mailbox refuses
     * new work first ({@link SubnetMailbox}).
     */
    default boolean startsNewWork(M message) {
        return false;
    }
}
