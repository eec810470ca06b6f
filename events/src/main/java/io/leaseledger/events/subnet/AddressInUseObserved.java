package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A device with hardware address {@code mac} was seen using {@code address} (its ARP, or an
 * operator's report), and the server did not give it that address. Until {@code heldUntil} the
 * address is not chosen dynamically for any other client; the device itself may have it.
 *
 * <p>{@code mac} is null when the device's hardware address is not known: it answered the
 * server's ICMP echo request for an address on a relayed subnet (server conflict detection
 * through a relay, revision 2; left out of the JSON then). Such an address is then not chosen
 * dynamically for any client.
 *
 * <p>Emitted for a new sighting and for one that refreshes a sighting older than half its hold,
 * never for every repeated ARP: an operator knows the address comes back at {@code heldUntil}
 * of the last such event, unless it is seen again.
 *
 * @param mac       the device's hardware address; null when only its answer to an ICMP echo was heard
 * @param standing  what the server had the address as when it was seen
 * @param heldUntil {@code at} + the subnet's in-use hold time
 */
@Revision("2")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressInUseObserved(SubnetId subnetId, Ipv4Address address,
                                   @PersonalData("hardware address") MacAddress mac, Instant at,
                                   InUseStanding standing, Instant heldUntil) implements SubnetEvent {
}
