package io.leaseledger.events.subnet;

/** Why a REQUEST was refused with a DHCPNAK. The text is what goes into option 56 (message). */
public enum NakReason {
    /** The requested address is not on this subnet (INIT-REBOOT after moving, wrong relay). */
    ADDRESS_NOT_ON_SUBNET("requested address is not on this subnet"),
    /** The address is leased, offered or reserved to another client, in probation, or in a reserved range. */
    ADDRESS_UNAVAILABLE("requested address is not available"),
    /** Another device was seen using the address lately (ARP or a report): granting it would make a conflict. */
    ADDRESS_IN_USE("requested address is in use by another device"),
    /** The address is on the subnet but outside the pool this client may lease from. */
    ADDRESS_NOT_IN_POOL("requested address is not in a dynamic range"),
    /** RENEWING, REBINDING or INIT-REBOOT for a lease this server has no record of. */
    NO_SUCH_LEASE("no lease for this client at this address"),
    /** SELECTING this server, but for an address it did not offer this client. */
    NOT_OFFERED("address was not offered to this client"),
    /** The REQUEST did not say which state it came from (no server id, address or ciaddr). */
    INVALID_REQUEST("malformed request");

    private final String message;

    NakReason(String message) {
        this.message = message;
    }

    /** A short human text for option 56. */
    public String message() {
        return message;
    }
}
