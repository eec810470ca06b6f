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
 * @param host       the host of a HOST snippet; null for GLOBAL and SUBNET
 * @param alwaysSend true: sent whether or not the client's parameter request list asks for it.
 *                   Null only in events written before the mark was recorded (2026-12-02): not
 *                   sent unasked then, and the configuration file's mark is recorded at the next start
 */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptionSnippetSet(SubnetId subnetId, OptionScope scope,
                               @PersonalData("hardware address") MacAddress host, int code, Octets value,
                               Boolean alwaysSend, Instant at) implements SubnetEvent {

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
