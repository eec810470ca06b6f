package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A device claimed {@code address} by ARP on {@code iface}, a link of this subnet (MAAS's network
 * discovery: every device heard on an attached subnet, whoever gave it its address). Recorded for
 * an (address, MAC) pair's first claim heard and again for its first after an hour, never for
 * every ARP, in managed and unmanaged subnets alike. Changes nothing the subnet decides (an
 * address in use inside the pool is {@link AddressInUseObserved}'s business); the record of which
 * devices were on the link, and when, for the discovered devices list and the stream.
 *
 * @param hostname the name the device announced for this address by mDNS ({@code hostname.local});
 *                 null when it was heard by ARP
 */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceSeen(SubnetId subnetId, String iface, Ipv4Address address,
                         @PersonalData("hardware address") MacAddress mac,
                         @PersonalData("host name") Hostname hostname, Instant at) implements SubnetEvent {
}
