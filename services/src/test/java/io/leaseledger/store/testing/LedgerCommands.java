package io.leaseledger.store.testing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Commands and events of the test-only {@link Ledger}. */
public final class LedgerCommands {
    /** An entry that makes {@link Ledger} throw after applying the events before it. */
    public static final String POISON = "poison";

    private LedgerCommands() {}

    public record Record(@TargetAggregateIdentifier String ledgerId, List<String> entries, Instant at) {}

    public record Count(@TargetAggregateIdentifier String ledgerId) {}

    public record EntryRecorded(String ledgerId, String entry, Instant at) {}
}
