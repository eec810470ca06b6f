package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code address} is reserved for {@code mac} (replacing any earlier reservation of that MAC). */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostReserved(SubnetId subnetId, @PersonalData("hardware address") MacAddress mac,
                           Ipv4Address address, @PersonalData("host name") Hostname hostname, Instant at)
        implements SubnetEvent {
}
