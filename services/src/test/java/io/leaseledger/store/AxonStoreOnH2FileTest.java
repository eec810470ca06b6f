package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class AxonStoreOnH2FileTest extends AxonStoreContract {
    @TempDir
    Path dataDirectory;

    @Override
    StoreSettings settings() {
        return Databases.h2(dataDirectory);
    }
}
