package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.ReclaimOutcome;

import java.util.Objects;

/** What waits in a subnet's mailbox: a client packet to decide, or a reclaim of expired leases. */
public sealed interface SubnetWork {

    /** A decoded client message; consecutive ones are decided by one {@code DecideClientMessages}. */
    record Packet(ClientMessage message) implements SubnetWork {
        public Packet {
            Objects.requireNonNull(message, "message");
        }
    }

    /** One {@code ReclaimExpiredLeases} with this batch limit, serialised with the packets. */
    record Reclaim(int batchLimit) implements SubnetWork {
        public Reclaim {
            if (batchLimit < 1) {
                throw new IllegalArgumentException("batch limit must be at least 1, got " + batchLimit);
            }
        }
    }

    /** The committed result of one piece of work. */
    sealed interface Result {
    }

    record Decided(Decision decision) implements Result {
    }

    record Reclaimed(ReclaimOutcome outcome) implements Result {
    }
}
