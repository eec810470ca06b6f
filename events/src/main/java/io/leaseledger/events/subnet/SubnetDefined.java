package io.leaseledger.events.subnet;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The subnet is served from now on, with these lease settings. */
@Revision("1")
public record SubnetDefined(SubnetId subnetId, Cidr cidr, SubnetSettings settings, Instant at)
        implements SubnetEvent {
}
