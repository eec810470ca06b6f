package io.leaseledger.store;

import io.leaseledger.store.testing.Ledger;
import io.leaseledger.store.testing.LedgerCommands.Record;

import java.time.Instant;
import java.util.List;

/**
 * The process {@link KillNineDurabilityTest} kills: records entries one command at a time and
 * prints {@code ACK n} after each command returned (the moment a DHCP reply would leave).
 * Arguments: the store's JDBC URL, its user (empty password), the {@link Durability}, and how
 * many commands: bounded, it stops by itself after that many.
 */
public final class KillNineChild {
    private KillNineChild() {}

    public static void main(String[] args) {
        StoreSettings settings = new StoreSettings(args[0], args[1], "", 4, Durability.valueOf(args[2]),
                StoreSettings.Snapshots.DISABLED, StoreSettings.Mailbox.DEFAULT);
        int limit = Integer.parseInt(args[3]);
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; i < limit; i++) {
                store.commandGateway().sendAndWait(new Record("l1", List.of("e" + i), Instant.EPOCH));
                System.out.println("ACK " + i);
                System.out.flush();
            }
        }
        System.out.flush();
    }
}
