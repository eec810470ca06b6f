package io.leaseledger.projections;

import java.util.List;
import java.util.Optional;

/** The projections LeaseLedger keeps, by the names operators use. */
public final class Projections {
    private Projections() {}

    /** New instances of every projection: leases, history, log. */
    public static List<Projection> all() {
        return List.of(new LeasesProjection(), new AddressHistoryProjection(), new TransactionLogProjection());
    }

    public static List<String> names() {
        return List.of(LeasesProjection.NAME, AddressHistoryProjection.NAME, TransactionLogProjection.NAME);
    }

    public static Optional<Projection> named(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
