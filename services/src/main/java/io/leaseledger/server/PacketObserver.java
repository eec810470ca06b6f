package io.leaseledger.server;

import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.dhcp4.MessageType;

/**
 * What the packet pipeline tells about each request and reply, for metrics. Called on the
 * transport's event loop (received) and on the mailbox workers (sent): must not block.
 */
public interface PacketObserver {

    /** A request, after subnet selection; {@code subnet} is null when no served subnet matched. */
    void received(SubnetId subnet, MessageType type);

    /** A reply handed to the transport. */
    void sent(SubnetId subnet, MessageType type);

    /** A request the subnet decided to leave unanswered, and why (an exhausted pool, another server chosen, ...). */
    default void unanswered(SubnetId subnet, SilentReason reason) {}

    PacketObserver NONE = new PacketObserver() {
        @Override
        public void received(SubnetId subnet, MessageType type) {}

        @Override
        public void sent(SubnetId subnet, MessageType type) {}
    };
}
