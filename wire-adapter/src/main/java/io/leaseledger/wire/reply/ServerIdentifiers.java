package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;

/**
 * The server identifier (option 54) this server uses towards one client. Normally the configured
 * one or the address the request arrived on; but a relay that sends the server-identifier-override
 * sub-option 82/11 (RFC 5107) wants its own address there, so that the client's renewals come to
 * the relay, which can add its option 82 again. Use the same value for the reply's option 54
 * ({@link ReplyProfile#serverIdentifier()}) and for the aggregate's "is this REQUEST for us"
 * comparison ({@code ClientMessage.ourServerId}), or SELECTING requests would look meant for
 * another server.
 */
public final class ServerIdentifiers {

    private ServerIdentifiers() {}

    /** The override of a relayed request when it has one, else {@code ours}. A malformed option 82 counts as absent. */
    public static Ipv4Address forRequest(Dhcp4Message request, Ipv4Address ours) {
        if (request.giaddr() == 0) {
            return ours;
        }
        try {
            return request.get(OptionCatalog.RELAY_AGENT_INFORMATION)
                    .flatMap(RelayAgentInformation::serverIdOverride)
                    .filter(a -> !a.isAny())
                    .orElse(ours);
        } catch (RuntimeException malformed) {
            return ours;
        }
    }
}
