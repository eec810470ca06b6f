package io.leaseledger.store.testing;

import io.leaseledger.store.SnapshotSized;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A test-only aggregate for the generic store pieces (transactions, schema, snapshots,
 * restart): a ledger of named entries. It has the shape the store must handle — a growing
 * map, records and {@link Instant}s in its events, state sized for snapshots.
 */
public class Ledger implements SnapshotSized {
    @AggregateIdentifier
    private String id;
    private Map<String, Instant> entries = new LinkedHashMap<>();

    protected Ledger() {
        // Axon and the snapshot mapper construct it empty.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(LedgerCommands.Record command) {
        for (String entry : command.entries()) {
            apply(new LedgerCommands.EntryRecorded(command.ledgerId(), entry, command.at()));
            if (entry.equals(LedgerCommands.POISON)) {
                // The events above are applied in memory; the unit of work must roll them back.
                throw new IllegalStateException("poisoned entry");
            }
        }
        return entries.size();
    }

    @CommandHandler
    public int handle(LedgerCommands.Count command) {
        return entries.size();
    }

    @EventSourcingHandler
    void on(LedgerCommands.EntryRecorded event) {
        id = event.ledgerId();
        entries.put(event.entry(), event.at());
    }

    public Map<String, Instant> entries() {
        return entries;
    }

    @Override
    public int snapshotSize() {
        return entries.size();
    }
}
