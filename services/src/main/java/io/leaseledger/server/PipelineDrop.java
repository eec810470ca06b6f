package io.leaseledger.server;

import io.leaseledger.wire.transport.DropReason;

/** Why the packet pipeline sent no reply to a well-formed request (counted by the transport). */
public enum PipelineDrop implements DropReason {
    /** No served subnet matches the request's link selection, option 118, giaddr, interface or ciaddr. */
    NOT_OUR_SUBNET,
    /** BOOTP, a server-to-client message type, or a request missing a field the decision needs. */
    NOT_SERVED,
    /** The subnet's mailbox was full: a counted drop, the client retransmits. */
    OVERLOADED,
    /** The packet waited in the subnet's mailbox longer than the max wait: dropped undecided (overload). */
    STALE,
    /** A DISCOVER refused while the subnet's oldest waiting packet had waited over half the max wait: offered clients first (overload). */
    SHED,
    /** The command deciding the batch failed (nothing committed): no reply for any of it. */
    DECISION_FAILED,
    /** The decision committed but the reply could not be assembled or encoded. */
    REPLY_FAILED,
    /** This node is half of a hot-standby pair and does not answer now (docs/ha.md): its partner does. */
    HA_NOT_ANSWERING,
    /** An OFFER withheld: another device answered the conflict probe's ARP request for its address. */
    CONFLICT_PROBED
}
