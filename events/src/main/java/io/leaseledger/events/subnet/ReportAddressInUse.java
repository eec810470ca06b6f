package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code address} of this subnet was seen in use by the device {@code mac} at {@code at} (an ARP
 * on a served link, or an operator's or external watcher's report through the API); {@code mac}
 * null: a device whose hardware address is not known answered an ICMP echo request for the address
 * (a conflict probe through a relay). Returns an {@link InUseOutcome}; emits
 * {@link AddressInUseObserved} only when the sighting is news.
 */
public record ReportAddressInUse(@TargetAggregateIdentifier SubnetId subnetId, Ipv4Address address,
                                 @PersonalData("hardware address") MacAddress mac, Instant at)
        implements SubnetCommand {
    public ReportAddressInUse {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(address, "address");
        SubnetCommand.require(at, "at");
    }
}
