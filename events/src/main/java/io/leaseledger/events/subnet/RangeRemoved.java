package io.leaseledger.events.subnet;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A range was removed; leases inside it run on until they end or their holder renews (and is refused). */
@Revision("1")
public record RangeRemoved(SubnetId subnetId, AddressRange range, RangeKind kind, Instant at)
        implements SubnetEvent {
}
