/**
 * The UDP transport of the DHCPv4 server: one Netty channel per configured interface (bound to
 * it with {@code SO_BINDTODEVICE}) or per configured address, every received datagram tagged
 * with its {@link io.leaseledger.wire.transport.Ingress}, and the RFC 2131 §4.1 reply-addressing
 * rules as one pure function ({@link io.leaseledger.wire.transport.ReplyAddressing}).
 *
 * <p>This package knows nothing of the DHCP message format: it moves bytes and knows where they
 * came from and where replies go. See {@code docs/wire.md}, sections "Transport" and "Reply
 * addressing".
 */
package io.leaseledger.wire.transport;
