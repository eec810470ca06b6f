package io.leaseledger.wire.transport;

/** The configuration needs the epoll engine (interface channels need it) but it cannot load here. */
public final class EngineUnavailableException extends TransportException {

    EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
