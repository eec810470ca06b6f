package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;

/**
 * Where a relayed packet came from: the relay's {@code giaddr} and what it said in option 82
 * (RFC 3046): the circuit id (sub-option 1, usually the switch port), the remote id
 * (sub-option 2) and the link selection (sub-option 5, RFC 3527). Absent sub-options are null.
 * Circuit and remote id can point at one person's wall socket, so they are personal data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelayAgent(
        Ipv4Address giaddr,
        @PersonalData("relay circuit id (switch port)") Octets circuitId,
        @PersonalData("relay remote id") Octets remoteId,
        Ipv4Address linkSelection) {

    public RelayAgent {
        if (giaddr == null || giaddr.isAny()) {
            throw new IllegalArgumentException("a relayed packet has a giaddr other than 0.0.0.0, got " + giaddr);
        }
    }

    public static RelayAgent of(Ipv4Address giaddr) {
        return new RelayAgent(giaddr, null, null, null);
    }
}
