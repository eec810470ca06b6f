package io.leaseledger.wire.transport;

/** A libc call made through FFM failed; carries its errno. */
final class NativeCallException extends Exception {

    private final int errno;

    NativeCallException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
