package io.leaseledger.store;

import io.leaseledger.store.testing.Ledger;
import io.leaseledger.store.testing.LedgerCommands.Record;

import java.time.Instant;
import java.util.List;

/**
 * The process {@link KillNineDurabilityTest} kills: records entries one command at a time and
 * prints {@code ACK n} after each command returned (the moment a DHCP reply would leave).
 * Bounded: stops by itself after {@code args[2]} commands.
 */
public final class KillNineChild {
    private KillNineChild() {}

    public static void main(String[] args) {
        StoreSettings settings = new StoreSettings(args[0], "sa", "", 4, Durability.valueOf(args[1]),
                StoreSettings.Snapshots.DISABLED, StoreSettings.Mailbox.DEFAULT);
        int limit = Integer.parseInt(args[2]);
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
