package io.leaseledger.events.subnet;

/**
 * Where an option snippet applies. Lower scopes override higher ones for the same option code
 * (HOST over SUBNET over GLOBAL). Global snippets are carried by every subnet's stream, so the
 * replies of a subnet can be rebuilt from that subnet's events alone.
 */
public enum OptionScope {
    GLOBAL,
    SUBNET,
    /** Only for the client whose hardware address the snippet names. */
    HOST
}
