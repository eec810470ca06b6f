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

    @BeforeAll
    void startNode() throws Exception {
        api = ApiNode.start(dir);
    }

    @AfterAll
    void stopNode() {
        api.close();
    }
}
