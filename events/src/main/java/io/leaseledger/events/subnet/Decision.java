package io.leaseledger.events.subnet;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;

/**
 * What the {@code Subnet} aggregate decided for one {@link ClientMessage}; the wire adapter
 * turns it into a reply (or none) once the events of the decision are committed.
 */
public sealed interface Decision {

    /** DHCPOFFER of {@code address}. */
    record Offer(Ipv4Address address, LeaseTime leaseTime, LeaseTime t1, LeaseTime t2) implements Decision {
        public Offer {
            requireAll(address, leaseTime, t1, t2);
        }
    }

    /** DHCPACK of a lease on {@code address}. */
    record Ack(Ipv4Address address, LeaseTime leaseTime, LeaseTime t1, LeaseTime t2, GrantKind grantKind)
            implements Decision {
        public Ack {
            requireAll(address, leaseTime, t1, t2, grantKind);
        }
    }

    /** DHCPNAK, broadcast (or via the relay); the client restarts from INIT. */
    record Nak(NakReason reason) implements Decision {
        public Nak {
            requireAll(reason);
        }
    }

    /** No reply at all. */
    record Silent(SilentReason reason) implements Decision {
        public Silent {
            requireAll(reason);
        }
    }

    private static void requireAll(Object... parts) {
        for (Object part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("decision parts must not be null");
            }
        }
    }
}
