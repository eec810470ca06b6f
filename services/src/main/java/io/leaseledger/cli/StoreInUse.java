package io.leaseledger.cli;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Recognises the one start failure an operator meets most: the H2 store is open in another
 * process (a second {@code serve}, or {@code projections rebuild}, on the same {@code store.path}).
 * H2 says so deep in a chain of Micronaut, HikariCP and JDBC exceptions; this finds it and says it
 * in one line.
 */
final class StoreInUse {
    /** H2's {@code DATABASE_ALREADY_OPEN_1}: "Database may be already in use". */
    static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private StoreInUse() {}

    /** The message for {@code failure} if, somewhere in its causes, H2 refused a database that is open elsewhere. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return Optional.of("cannot open the store: a database of this node is in use by another process (another"
                        + " `serve` or `projections rebuild` on the same store.path?); stop it, or give this one its"
                        + " own store.path. H2 said: " + firstLine(sql.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * For a command that opened a store and failed with {@code failure}: the store-in-use exit
     * code, the message printed to stderr, when that is why; otherwise {@code failure} again.
     */
    static int exitCodeOrRethrow(RuntimeException failure) {
        Optional<String> inUse = explain(failure);
        if (inUse.isEmpty()) {
            throw failure;
        }
        System.err.println(inUse.get());
        return ServeCommand.STORE_IN_USE;
    }

    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return message == null ? "" : end < 0 ? message : message.substring(0, end);
    }
}
