/**
 * Wire observation by ARP: a packet socket per served interface hears the link's ARP requests
 * and replies, and every sender that claims an IPv4 address becomes an {@link
 * io.leaseledger.wire.arp.ArpSighting}. What the sightings mean is decided elsewhere (the
 * {@code Subnet} aggregate); this package only reads frames and says who claimed which address.
 * See {@code docs/wire.md}, "ARP listener".
 */
package io.leaseledger.wire.arp;
