package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the value of DHCP option {@code code} in replies of this subnet, at a scope. The value is
 * the option's payload as it goes on the wire (the configuration encodes typed values through
 * the option catalogue). No-op when already set to the same value and mark.
 *
 * @param host       the host a HOST snippet is for; null for GLOBAL and SUBNET
 * @param alwaysSend sent even when the client's parameter request list does not ask for it
 */
public record SetOptionSnippet(@TargetAggregateIdentifier SubnetId subnetId, OptionScope scope,
                               @PersonalData("hardware address") MacAddress host, int code, Octets value,
                               boolean alwaysSend, Instant at) implements SubnetCommand {
    public SetOptionSnippet {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(value, "value");
        SubnetCommand.require(at, "at");
        OptionSnippetSet.checkScope(scope, host, code);
    }
}
