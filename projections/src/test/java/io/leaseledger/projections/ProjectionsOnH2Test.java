package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ProjectionsOnH2Test extends ProjectionsContract {
    @TempDir
    static Path dir;
    static TestDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabase.h2(dir);
    }

    @AfterAll
    static void close() throws Exception {
        database.close();
    }

    @Override
    DSLContext db() {
        return database.dsl();
    }
}
