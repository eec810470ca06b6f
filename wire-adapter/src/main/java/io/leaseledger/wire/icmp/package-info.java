/**
 * ICMP echo (RFC 792) for server conflict detection through a relay: the request a probe sends,
 * the reply it waits for, and the raw socket both go through.
 */
package io.leaseledger.wire.icmp;
