package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The subnet is no longer served; its leases and history stay in the log. */
@Revision("1")
public record SubnetRemoved(SubnetId subnetId, Instant at) implements SubnetEvent {
}
