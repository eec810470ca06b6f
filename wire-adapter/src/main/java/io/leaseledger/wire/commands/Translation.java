package io.leaseledger.wire.commands;

import io.leaseledger.events.subnet.ClientMessage;

/** What a decoded request becomes on its way in: a message for the subnet, an INFORM, or nothing. */
public sealed interface Translation {

    /** A DISCOVER, REQUEST, DECLINE or RELEASE for the subnet's aggregate. */
    record ForSubnet(ClientMessage message) implements Translation {}

    /** An INFORM: answered from the subnet's settings, never through the write path (RFC 2131 §4.3.5). */
    record Inform() implements Translation {}

    /** Not something a server acts on; the reason names the drop counter. */
    record Ignored(IgnoredReason reason, String detail) implements Translation {}

    enum IgnoredReason {
        /** op is BOOTREPLY: another server's reply, seen on the wire. */
        NOT_A_REQUEST,
        /** No option 53: plain BOOTP, which LeaseLedger does not serve. */
        BOOTP_NOT_SERVED,
        /** OFFER, ACK, NAK, FORCERENEW or an unknown type sent to a server. */
        NOT_A_CLIENT_MESSAGE,
        /** A field the decision needs is missing or invalid (e.g. a DECLINE without an address). */
        MALFORMED_REQUEST
    }
}
