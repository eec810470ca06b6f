package io.leaseledger.wire.transport;

import java.util.Map;

/** Read side of the transport's counters (monotonic since start); metrics export reads these. */
public interface TransportCounters {

    /** Datagrams read from any channel. */
    long received();

    /** Datagrams dropped for this reason, by the transport or by a later stage. */
    long dropped(DropReason reason);

    /** Every reason counted so far, with its count. */
    Map<DropReason, Long> drops();

    /** Replies the kernel accepted, by path. */
    long sent(ReplyPath path);

    /** Replies the kernel accepted, all paths. */
    long sentTotal();

    /** Replies that could not be sent (unknown ingress, transport closed, write error). */
    long sendFailures();

    /** Errors a channel reported (read errors); the channel stays open. */
    long channelErrors();
}
