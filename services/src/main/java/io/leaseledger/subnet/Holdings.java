package io.leaseledger.subnet;

import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;

/** What the subnet remembers about one address. Plain records: they are also the snapshot's JSON. */
final class Holdings {

    private Holdings() {
    }

    /** A granted lease: active while {@code at < expiresAt}; expired but not yet reclaimed after. */
    record Lease(ClientKey key, ClientIdentity client, TransactionId transactionId, Instant grantedAt,
                 LeaseTime leaseTime, Instant expiresAt) {
        boolean expiredAt(Instant at) {
            return !at.isBefore(expiresAt);
        }
    }

    /** An outstanding offer: held while {@code at <= heldUntil}; stale after. */
    record Offer(ClientKey key, ClientIdentity client, TransactionId transactionId, LeaseTime leaseTime,
                 Instant heldUntil) {
        boolean staleAt(Instant at) {
            return at.isAfter(heldUntil);
        }
    }

    /** A declined address out of the pool until {@code until}, with who declined it. */
    record Probation(ClientIdentity decliner, TransactionId transactionId, Instant until) {
        boolean overAt(Instant at) {
            return !at.isBefore(until);
        }
    }

    /**
     * A device seen using an address the server did not give it, kept from dynamic allocation for
     * everyone else while {@code at < heldUntil}.
     */
    record Sighting(MacAddress mac, Instant seenAt, Instant heldUntil) {
        boolean freshAt(Instant at) {
            return at.isBefore(heldUntil);
        }

        /** A sighting of the same device earlier than this is not news (half the hold: a refresh event). */
        Instant refreshDue() {
            return seenAt.plus(java.time.Duration.between(seenAt, heldUntil).dividedBy(2));
        }
    }

    /** A host reservation (static allocation) of one address for one MAC. */
    record HostReservation(MacAddress mac, Hostname hostname) {
    }
}
