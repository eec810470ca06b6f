package io.leaseledger.wire.transport;

import io.netty.channel.Channel;

/** A serving channel and, for epoll, its socket's file descriptor (-1 for NIO). */
record ChannelBinding(Ingress ingress, Channel channel, int fd) {
}
