package io.leaseledger.events.subnet;

/**
 * What one {@link ReclaimExpiredLeases} did.
 *
 * @param leasesExpired     LeaseExpired events emitted
 * @param probationsEnded   ProbationEnded events emitted
 * @param offersWithdrawn   stale offers dropped (OfferWithdrawn events)
 * @param moreDue           true when the batch limit stopped it with more already due: run
 *                          again soon rather than at the next scheduled tick
 */
public record ReclaimOutcome(int leasesExpired, int probationsEnded, int offersWithdrawn, boolean moreDue) {

    public int total() {
        return leasesExpired + probationsEnded + offersWithdrawn;
    }
}
