package io.leaseledger.events.subnet;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A dynamic (DHCP pool) or reserved range was added to the subnet. */
@Revision("1")
public record RangeAdded(SubnetId subnetId, AddressRange range, RangeKind kind, Instant at) implements SubnetEvent {
}
