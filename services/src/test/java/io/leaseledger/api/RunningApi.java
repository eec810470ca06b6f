package io.leaseledger.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One loopback node with its API ({@link ApiNode}) for all the tests of a class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningApi {
    @TempDir
    static Path dir;
    ApiNode api;
    private NodeDatabases databases;

    /** Where the node keeps its store and projections: H2 files unless a subclass says otherwise. */
    NodeDatabases databases() throws Exception {
        return NodeDatabases.h2();
    }

    @BeforeAll
    void startNode() throws Exception {
        databases = databases();
        api = ApiNode.start(dir, databases);
    }

    @AfterAll
    void stopNode() throws Exception {
        try (NodeDatabases created = databases) {
            if (api != null) {
                api.close();
            }
        }
    }
}
