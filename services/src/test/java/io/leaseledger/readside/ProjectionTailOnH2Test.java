package io.leaseledger.readside;

import java.nio.file.Path;

class ProjectionTailOnH2Test extends ProjectionTailContract {
    @Override
    ReadSideDatabases databases(Path data) {
        return ReadSideDatabases.h2(data);
    }
}
