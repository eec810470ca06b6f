package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The subnet's lease settings are now these (the whole settings, not a difference). */
@Revision("1")
public record SubnetChanged(SubnetId subnetId, SubnetSettings settings, Instant at) implements SubnetEvent {
}
