package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Replies of this subnet carry option {@code code} with payload {@code value} at this scope.
 *
 * @param host the host of a HOST snippet; null for GLOBAL and SUBNET
 */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptionSnippetSet(SubnetId subnetId, OptionScope scope,
                               @PersonalData("hardware address") MacAddress host, int code, Octets value,
                               Instant at) implements SubnetEvent {

    /** Option codes 1..254: 0 (pad) and 255 (end) carry no value. */
    static void checkScope(OptionScope scope, MacAddress host, int code) {
        if (scope == null) {
            throw new IllegalArgumentException("option scope must not be null");
        }
        if ((scope == OptionScope.HOST) != (host != null)) {
            throw new IllegalArgumentException("a host is required for HOST snippets and only for them (scope "
                    + scope + ", host " + host + ")");
        }
        if (code < 1 || code > 254) {
            throw new IllegalArgumentException("option code must be 1..254, got " + code);
        }
    }
}
