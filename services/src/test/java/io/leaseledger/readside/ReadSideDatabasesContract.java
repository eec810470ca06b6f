package io.leaseledger.readside;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A read-side contract's databases: made empty for each test by the subclass for its database
 * ({@code ...OnH2Test}, {@code ...OnPostgresTest}) and dropped after it.
 */
abstract class ReadSideDatabasesContract {
    @TempDir
    Path data;

    ReadSideDatabases databases;

    /** The databases for one test, empty. */
    abstract ReadSideDatabases databases(Path data) throws Exception;

    @BeforeEach
    void openDatabases() throws Exception {
        databases = databases(data);
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (databases != null) {
            databases.close();
        }
    }
}
