package io.leaseledger.wire.transport;

/** The transport could not start as configured; the message names the interface or address. */
public abstract sealed class TransportException extends RuntimeException
        permits UnknownInterfaceException, SocketOptionException, BindFailedException, EngineUnavailableException {

    TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
