package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The reservation of {@code address} for {@code mac} is gone. */
@Revision("1")
public record HostUnreserved(SubnetId subnetId, @PersonalData("hardware address") MacAddress mac,
                             Ipv4Address address, Instant at) implements SubnetEvent {
}
