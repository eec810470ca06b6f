package io.leaseledger.events.subnet;

/** Why a lease was granted (acked): the client state its REQUEST came from. */
public enum GrantKind {
    /** SELECTING: the client took this server's offer. */
    NEW,
    /** RENEWING: unicast extension by the lease holder. */
    RENEWED,
    /** REBINDING: broadcast extension by the lease holder. */
    REBOUND,
    /** INIT-REBOOT: a rebooted client confirmed the address it remembers. */
    INIT_REBOOT,
    /**
     * Not a REQUEST: a lease another DHCP server granted (Kea's memfile, ISC dhcpd's leases file),
     * taken over when this server replaced it ({@link ImportLease}). No transaction: xid 0.
     */
    IMPORTED
}
