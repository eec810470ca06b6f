package io.leaseledger.readside;

import java.nio.file.Path;

class EventStoreSourceOnH2Test extends EventStoreSourceContract {
    @Override
    ReadSideDatabases databases(Path data) {
        return ReadSideDatabases.h2(data);
    }
}
