package io.leaseledger.it;

import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.ServerDatabases;
import io.leaseledger.projections.TableContents;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stopped server's event store and projections, opened in the test's process. */
record StoppedServerStores(AxonStore store, ReadSide readSide) implements AutoCloseable {
    static StoppedServerStores of(LeaseLedgerServer server) {
        ServerDatabases databases = server.databases();
        AxonStore store = AxonStore.start(
                databases.store(server.storeDir()).withSnapshots(StoreSettings.Snapshots.DISABLED), List.of(Subnet.class));
        try {
            return new StoppedServerStores(store, ReadSide.open(databases.projections(server.storeDir()), store, Clock.systemUTC()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The events of {@code type} in a stopped server's event store, in the order they were stored. */
    static <T> List<T> recorded(LeaseLedgerServer server, Class<T> type) {
        List<T> found = new java.util.ArrayList<>();
        try (AxonStore store = AxonStore.start(server.databases().store(server.storeDir())
                .withSnapshots(StoreSettings.Snapshots.DISABLED), List.of(Subnet.class))) {
            store.replayAll(payload -> {
                if (type.isInstance(payload)) {
                    found.add(type.cast(payload));
                }
            });
        }
        return found;
    }

    /** Projection name → table → rows ({@link TableContents}). */
    Map<String, Map<String, List<List<Object>>>> contents() {
        Map<String, Map<String, List<List<Object>>>> all = new LinkedHashMap<>();
        readSide.projections().forEach(p -> all.put(p.name(), TableContents.of(readSide.dsl(), p)));
        return all;
    }

    @Override
    public void close() {
        try {
            readSide.close();
        } finally {
            store.close();
        }
    }
}
