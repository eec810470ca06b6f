/**
 * Wire observation by mDNS (RFC 6762): a packet socket per served interface hears the multicast
 * DNS announcements of the link, and every device that names itself (an A record for its own
 * address under {@code .local}) becomes an {@link io.leaseledger.wire.mdns.MdnsName}: the host
 * names MAAS's network discovery shows beside the devices it heard. See {@code docs/wire.md},
 * "mDNS listener".
 */
package io.leaseledger.wire.mdns;
