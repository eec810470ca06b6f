package io.leaseledger.wire.transport;

import java.net.InetSocketAddress;

/**
 * One serving channel of a running transport.
 *
 * @param ingress what its datagrams are tagged with
 * @param localAddress what the socket is bound to (0.0.0.0:port for an interface channel; the
 *     actual port when the configuration said 0)
 */
public record Binding(Ingress ingress, InetSocketAddress localAddress) {
}
