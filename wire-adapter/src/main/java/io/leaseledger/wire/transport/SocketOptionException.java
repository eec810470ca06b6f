package io.leaseledger.wire.transport;

/** The kernel refused a socket option the transport needs for an interface's channel. */
public final class SocketOptionException extends TransportException {

    private final String interfaceName;
    private final String option;
    private final int errno;

    SocketOptionException(String interfaceName, String option, NativeCallException cause) {
        super("cannot set " + option + " for interface '" + interfaceName + "': " + cause.getMessage()
                + hint(cause.errno()), cause);
        this.interfaceName = interfaceName;
        this.option = option;
        this.errno = cause.errno();
    }

    private static String hint(int errno) {
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES ->
                " (binding a socket to an interface needs CAP_NET_RAW and port 67 needs CAP_NET_BIND_SERVICE:"
                        + " run as root or grant the capabilities)";
            case Errno.ENODEV -> " (the interface disappeared)";
            default -> "";
        };
    }

    public String interfaceName() {
        return interfaceName;
    }

    public String option() {
        return option;
    }

    /** The Linux errno. */
    public int errno() {
        return errno;
    }
}
