package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An operator cleared the devices heard on this subnet's links (MAAS: "clear discoveries"): every
 * one recorded before this event ({@link DeviceSeen} earlier in the stream), or only those of
 * {@code mac}, of {@code address}, or of both. The records stay in the log; the discovered devices
 * list drops them. A device still on the link is heard again and listed anew from its next record.
 *
 * @param mac     only this device's; null: every device's
 * @param address only this address's; null: every address's
 */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveriesCleared(SubnetId subnetId, @PersonalData("hardware address") MacAddress mac, Ipv4Address address,
                                 Instant at) implements SubnetEvent {

    /** Whether a device recorded at {@code deviceAddress} with {@code deviceMac} is one this clears. */
    public boolean clears(Ipv4Address deviceAddress, MacAddress deviceMac) {
        return (mac == null || mac.equals(deviceMac)) && (address == null || address.equals(deviceAddress));
    }
}
