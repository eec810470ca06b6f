package io.leaseledger.wire.transport;

/** A configured interface does not exist (in this network namespace). */
public final class UnknownInterfaceException extends TransportException {

    private final String interfaceName;

    UnknownInterfaceException(String interfaceName, Throwable cause) {
        super("no network interface named '" + interfaceName + "' (see `ip link`)", cause);
        this.interfaceName = interfaceName;
    }

    public String interfaceName() {
        return interfaceName;
    }
}
