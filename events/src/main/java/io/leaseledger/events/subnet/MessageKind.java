package io.leaseledger.events.subnet;

/**
 * The DHCP messages the {@code Subnet} aggregate decides. INFORM never reaches it: it needs
 * no lease and is answered from the configuration alone.
 */
public enum MessageKind {
    DISCOVER,
    REQUEST,
    DECLINE,
    RELEASE
}
