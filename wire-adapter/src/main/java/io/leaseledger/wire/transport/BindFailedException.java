package io.leaseledger.wire.transport;

/** A channel could not be bound (port in use, address not local, not permitted, ...). */
public final class BindFailedException extends TransportException {

    private final Ingress ingress;

    BindFailedException(Ingress ingress, Throwable cause) {
        super("cannot bind the channel for " + ingress + ": " + cause.getMessage()
                + (cause instanceof java.net.SocketException && String.valueOf(cause.getMessage()).contains("ermission")
                        ? " (ports below 1024 need CAP_NET_BIND_SERVICE)" : ""), cause);
        this.ingress = ingress;
    }

    public Ingress ingress() {
        return ingress;
    }
}
