package io.leaseledger.wire.transport;

import java.net.InetSocketAddress;

/**
 * One serving channel of a running transport.
 *
 * @param ingress what its datagrams are tagged with
 * @param localAddress what the socket is bound to (0.0.0.0:port for an interface channel; the
 *     actual port when the configuration said 0)
 * @param receiveBufferBytes the socket's receive buffer as the kernel reports it (twice what was
 *     granted: the kernel counts its own overhead in it)
 */
public record Binding(Ingress ingress, InetSocketAddress localAddress, int receiveBufferBytes) {
}
