package io.leaseledger.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Watches that the events one publisher session reads come, per subnet, in sequence order with
 * none left out: Axon numbers an aggregate's events 0, 1, 2, … with no hole, so after event
 * {@code n} of a subnet the next one read must be {@code n + 1}. Anything else means a subnet's
 * event went out before an earlier one — which the HA partner, passing over anything not newer
 * than the highest {@code originSequence} it applied (docs/ha.md), would lose for good. It
 * cannot happen while {@link EventTableReader} queries new rows before gaps; this makes a
 * regression visible (a warning and {@code leaseledger_publish_out_of_order_total}) instead
 * of silent. The first event of a subnet in a session is taken as it comes (a session starts
 * from a stored position, mid-stream). Not thread-safe: the publisher's thread.
 */
final class SubnetSequenceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SubnetSequenceCheck.class);

    private final Map<String, Long> lastRead = new HashMap<>();

    /**
     * Takes the next event read; returns false (and warns) when it is not the one after the
     * previous event of its subnet in this session.
     */
    boolean inOrder(String subnet, long sequence, long globalIndex) {
        Long previous = lastRead.put(subnet, sequence);
        if (previous == null || sequence == previous + 1) {
            return true;
        }
        if (sequence <= previous) {
            // Keep the highest seen: the one after it is what comes next in order.
            lastRead.put(subnet, previous);
            LOG.warn("subnet {}: event {} (global index {}) read after its event {}: a later event of the subnet went "
                    + "out before it", subnet, sequence, globalIndex, previous);
        } else {
            LOG.warn("subnet {}: event {} (global index {}) read after its event {}: events {} to {} not read yet",
                    subnet, sequence, globalIndex, previous, previous + 1, sequence - 1);
        }
        return false;
    }
}
