package io.leaseledger.store;

/** How far a commit has travelled before the replies it decided may leave. */
public enum Durability {
    /**
     * The database transaction has committed: on H2 its MVStore chunk has been written to the
     * file (the OS page cache), so it survives {@code kill -9} of the JVM but not a power cut
     * before the kernel flushes. On PostgreSQL, whatever the server's {@code synchronous_commit}
     * says (on by default: flushed to the WAL).
     */
    COMMIT,
    /**
     * As {@link #COMMIT}, then forced to the device: H2 runs {@code CHECKPOINT SYNC} after each
     * group commit (one fsync per batch, not per packet); PostgreSQL commits with
     * {@code synchronous_commit = on} whatever the server default is.
     */
    FSYNC
}
