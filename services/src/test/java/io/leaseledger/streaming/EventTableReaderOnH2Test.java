package io.leaseledger.streaming;

import io.leaseledger.store.StoreSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class EventTableReaderOnH2Test extends EventTableReaderContract {
    @TempDir
    Path dir;

    @Override
    StoreSettings settings() {
        return StoreSettings.h2(dir);
    }
}
