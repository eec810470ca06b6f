package io.leaseledger.projections;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.projections.tables.tables.records.TransactionLogRecord;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;

/**
 * Projection {@value #NAME}: one {@code transaction_log} row per decision (offer, grant, NAK,
 * decline, release, expiry, withdrawn offer, end of probation, pool exhausted, address seen in use),
 * with the subnet and the event's sequence number in the subnet's stream. Append only. The row key {@code id}
 * numbers the rows in the order they were applied (a single numeric key is H2's row key: no
 * second index to update per row); the next one is all it keeps in memory.
 */
public final class TransactionLogProjection implements Projection {
    public static final String NAME = "log";

    private static final String NO_TRANSACTION = "-";

    private final List<TransactionLogRecord> pending = new ArrayList<>();
    /** The id of the next row; 0 until loaded from the table. */
    private long nextId;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(TRANSACTION_LOG);
    }

    @Override
    public void begin(DSLContext tx) {
        if (nextId == 0) {
            Long last = tx.select(DSL.max(TRANSACTION_LOG.ID)).from(TRANSACTION_LOG).fetchOne(0, Long.class);
            nextId = last == null ? 1 : last + 1;
        }
    }

    @Override
    public void apply(StoredEvent stored) {
        switch (stored.payload()) {
            case LeaseEvent e -> add(row(stored, e));
            case PoolExhausted e -> add(row(stored, e.subnetId().value(), e.at(), Decision.POOL_EXHAUSTED, null,
                    null, e.client(), e.transactionId().toString(), null, null));
            // No exchange behind a sighting: the transaction id column reads "-". Expires: when the hold ends.
            case AddressInUseObserved e -> add(row(stored, e.subnetId().value(), e.at(), Decision.OBSERVED_IN_USE,
                    e.standing().name(), e.address(), ClientIdentity.of(e.mac()), NO_TRANSACTION, null, e.heldUntil()));
            default -> {
                // Configuration is not a decision.
            }
        }
    }

    private void add(TransactionLogRecord row) {
        if (nextId == 0) {
            throw new IllegalStateException("apply before begin");
        }
        row.setId(nextId++);
        pending.add(row);
    }

    private static TransactionLogRecord row(StoredEvent stored, LeaseEvent event) {
        String subnet = event.subnetId().value();
        var address = event.address();
        String tx = event.transactionId().toString();
        return switch (event) {
            case LeaseOffered e -> row(stored, subnet, e.at(), Decision.OFFER, null, address, e.client(), tx,
                    e.leaseTime().seconds(), e.heldUntil());
            case LeaseGranted e -> row(stored, subnet, e.at(), Decision.GRANT, e.kind().name(), address, e.client(), tx,
                    e.leaseTime().seconds(), e.expiresAt());
            case RequestRefused e -> row(stored, subnet, e.at(), Decision.NAK, e.reason().name(), address, e.client(), tx,
                    null, null);
            case AddressDeclined e -> row(stored, subnet, e.at(), Decision.DECLINE, null, address, e.client(), tx,
                    null, e.probationUntil());
            case LeaseReleased e -> row(stored, subnet, e.at(), Decision.RELEASE, null, address, e.client(), tx,
                    null, null);
            case LeaseExpired e -> row(stored, subnet, e.at(), Decision.EXPIRY, null, address, e.client(), tx,
                    null, e.expiredAt());
            case OfferWithdrawn e -> row(stored, subnet, e.at(), Decision.OFFER_WITHDRAWN, e.reason().name(), address,
                    e.client(), tx, null, null);
            case ProbationEnded e -> row(stored, subnet, e.at(), Decision.PROBATION_ENDED, null, address, e.client(),
                    tx, null, null);
        };
    }

    private static TransactionLogRecord row(StoredEvent stored, String subnet, java.time.Instant at, Decision decision,
                                            String detail, io.leaseledger.events.types.Ipv4Address address,
                                            ClientIdentity c, String tx, Long leaseSeconds, java.time.Instant expires) {
        TransactionLogRecord r = Rows.attached(new TransactionLogRecord());
        r.setSubnet(subnet);
        r.setSeq(stored.sequenceNumber());
        r.setDecidedAt(Times.sql(at));
        r.setDecision(decision.name());
        r.setDetail(detail);
        r.setAddress(address == null ? null : address.toString());
        r.setAddressNum(address == null ? null : address.toUnsigned());
        r.setMac(Clients.mac(c));
        r.setClientId(Clients.clientId(c));
        r.setHostname(Clients.hostname(c));
        r.setVendorClass(c.vendorClass());
        r.setRelay(Clients.relay(c));
        r.setCircuitId(Clients.circuitId(c));
        r.setRemoteId(Clients.remoteId(c));
        r.setTransactionId(tx);
        r.setLeaseSeconds(leaseSeconds);
        r.setExpiresAt(Times.sql(expires));
        return r;
    }

    @Override
    public void flush(DSLContext tx) {
        Rows.insert(tx, pending);
        pending.clear();
    }

    @Override
    public int finalRowsPending() {
        return pending.size();
    }

    @Override
    public void flushFinal(DSLContext tx) {
        flush(tx);
    }

    @Override
    public void forget() {
        pending.clear();
        nextId = 0;
    }
}
