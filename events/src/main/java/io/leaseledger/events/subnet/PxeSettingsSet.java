package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * From now on PXE clients of this subnet are answered with these settings (all of them: a key
 * not set here is not sent, whatever an earlier event said).
 */
@Revision("1")
public record PxeSettingsSet(SubnetId subnetId, PxeSettings pxe, Instant at) implements SubnetEvent {
}
