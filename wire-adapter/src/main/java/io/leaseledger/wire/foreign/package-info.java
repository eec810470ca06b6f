/**
 * Wire observation of other DHCP servers: a packet socket per served interface, filtered in the
 * kernel to UDP from port 67 to port 68 (server to client), hears the replies other servers send
 * on the link, and each becomes a {@link io.leaseledger.wire.foreign.ForeignReply}. What to make
 * of them (remember, count, warn) is decided elsewhere. See {@code docs/wire.md}, "Other DHCP
 * servers on the link".
 */
package io.leaseledger.wire.foreign;
