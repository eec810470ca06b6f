package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove an option snippet. No-op when absent. */
public record RemoveOptionSnippet(@TargetAggregateIdentifier SubnetId subnetId, OptionScope scope,
                                  @PersonalData("hardware address") MacAddress host, int code, Instant at)
        implements SubnetCommand {
    public RemoveOptionSnippet {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(at, "at");
        OptionSnippetSet.checkScope(scope, host, code);
    }
}
