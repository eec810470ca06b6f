package io.leaseledger.wire.transport;

import io.leaseledger.events.types.SubnetId;
import java.util.Map;

/** Read side of the transport's counters (monotonic since start); metrics export reads these. */
public interface TransportCounters {

    /** Datagrams read from any channel. */
    long received();

    /** Datagrams dropped for this reason, by the transport or by a later stage, whatever their subnet. */
    long dropped(DropReason reason);

    /** Datagrams dropped for this reason once they were known to be for {@code subnet}. */
    long dropped(DropReason reason, SubnetId subnet);

    /** Datagrams dropped for this reason before any subnet was known for them. */
    long droppedWithoutSubnet(DropReason reason);

    /** Every reason counted so far, with its count over all subnets and none. */
    Map<DropReason, Long> drops();

    /** Per subnet, every reason counted so far for it, with its count. */
    Map<SubnetId, Map<DropReason, Long>> dropsBySubnet();

    /** Every reason counted so far for datagrams of no known subnet, with its count. */
    Map<DropReason, Long> dropsWithoutSubnet();

    /** Replies the kernel accepted, by path. */
    long sent(ReplyPath path);

    /** Replies the kernel accepted, all paths. */
    long sentTotal();

    /** Replies that could not be sent (unknown ingress, transport closed, write error). */
    long sendFailures();

    /** Errors a channel reported (read errors); the channel stays open. */
    long channelErrors();
}
