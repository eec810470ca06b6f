package io.leaseledger.wire.arp;

/** Why an ARP frame heard on a served link became no sighting. */
public enum ArpDrop {
    /** Too short, an unknown operation, a group or zero sender MAC, a loopback, multicast or broadcast sender IP. */
    MALFORMED,
    /** Not Ethernet/IPv4 ARP (another hardware or protocol type). */
    NOT_ETHERNET_IPV4,
    /** Sender IP 0.0.0.0: an RFC 5227 probe, which claims nothing. */
    PROBE,
    /**
     * A frame this host sent. Not expected: a packet socket bound to ETH_P_ARP hears only incoming
     * frames (outgoing ones go to ETH_P_ALL taps); checked all the same, since the server's own
     * addresses are no conflict.
     */
    OWN
}
