package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Option {@code code} at this scope is no longer set. */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptionSnippetRemoved(SubnetId subnetId, OptionScope scope,
                                   @PersonalData("hardware address") MacAddress host, int code, Instant at)
        implements SubnetEvent {
}
