package io.leaseledger.wire.transport;

/** The Linux errno values the transport explains (asm-generic/errno-base.h, x86-64 and arm64 alike). */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOPROTOOPT = 92;
    static final int EOPNOTSUPP = 95;
    static final int ENXIO = 6;

    private Errno() {
    }

    static String describe(int errno) {
        String name = switch (errno) {
            case EPERM -> "EPERM (Operation not permitted)";
            case ENOENT -> "ENOENT (No such file or directory)";
            case ENXIO -> "ENXIO (No such device or address)";
            case EBADF -> "EBADF (Bad file descriptor)";
            case EACCES -> "EACCES (Permission denied)";
            case EFAULT -> "EFAULT (Bad address)";
            case ENODEV -> "ENODEV (No such device)";
            case EINVAL -> "EINVAL (Invalid argument)";
            case ENOPROTOOPT -> "ENOPROTOOPT (Protocol not available)";
            case EOPNOTSUPP -> "EOPNOTSUPP (Operation not supported)";
            default -> "errno " + errno;
        };
        return name;
    }
}
