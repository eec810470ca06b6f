package io.leaseledger.api;

import io.leaseledger.config.ProjectionsConfiguration;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Where an API test's node keeps its projections, and nothing else: all a region has (its
 * projections are fed from Kafka, it keeps no event store). {@link NodeDatabases} adds the
 * event store of a rack's node.
 */
interface NodeProjections extends AutoCloseable {
    /** The projections database (a region's API reads one directly). */
    ProjectionsConfiguration projections(Path dir);

    /** Drops what was created for the test. */
    @Override
    void close() throws SQLException;
}
