package io.leaseledger.events.subnet;

/**
 * One event the HA partner committed to its own log, as it published it: {@code sequence} is its
 * place in the partner's stream of the subnet ({@code ce_subnetseq}), so that a replay of the
 * partner's topic is recognised and passed over.
 */
public record PartnerEvent(long sequence, SubnetEvent event) {
    public PartnerEvent {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        SubnetCommand.require(event, "event");
    }
}
