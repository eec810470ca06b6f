package io.leaseledger.projections;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
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
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG_KEY;

/**
 * Projection {@value #NAME}: one {@code transaction_log} row per decision (offer, grant, NAK,
 * decline, release, expiry, withdrawn offer, end of probation, pool exhausted, address seen in use),
 * with the subnet and the event's sequence number in the subnet's stream. Append only. The row key {@code id}
 * numbers the rows in the order they were applied (a single numeric key is H2's row key: no
 * second index to update per row); the next one is all it keeps in memory. A row waits for its
 * write as a plain array of the table's values ({@link Rows#insertValues}): a log row is only
 * ever inserted, and a jOOQ record per event cost more to fill than H2 to insert it.
 *
 * <p>Each row is written with its {@code transaction_log_key} row (same id, its time and MAC),
 * the narrow table that carries the log's indexes, so that a rebuild's index builds read three
 * columns, not eighteen (docs/projections.md, "transaction_log").
 */
public final class TransactionLogProjection implements Projection {
    public static final String NAME = "log";

    private static final String NO_TRANSACTION = "-";
    /** The MAC column of a device whose hardware address is not known (it answered an ICMP echo). */
    private static final String NO_DEVICE = "-";

    /** Column positions in {@code transaction_log} (the generated table's field order). */
    private static final int ID = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.ID);
    private static final int SUBNET = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.SUBNET);
    private static final int SEQ = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.SEQ);
    private static final int DECIDED_AT = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.DECIDED_AT);
    private static final int DECISION = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.DECISION);
    private static final int DETAIL = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.DETAIL);
    private static final int ADDRESS = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.ADDRESS);
    private static final int ADDRESS_NUM = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.ADDRESS_NUM);
    private static final int MAC = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.MAC);
    private static final int CLIENT_ID = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.CLIENT_ID);
    private static final int HOSTNAME = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.HOSTNAME);
    private static final int VENDOR_CLASS = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.VENDOR_CLASS);
    private static final int RELAY = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.RELAY);
    private static final int CIRCUIT_ID = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.CIRCUIT_ID);
    private static final int REMOTE_ID = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.REMOTE_ID);
    private static final int TRANSACTION_ID = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.TRANSACTION_ID);
    private static final int LEASE_SECONDS = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.LEASE_SECONDS);
    private static final int EXPIRES_AT = TRANSACTION_LOG.indexOf(TRANSACTION_LOG.EXPIRES_AT);
    private static final int COLUMNS = TRANSACTION_LOG.fields().length;

    /** Column positions in {@code transaction_log_key}. */
    private static final int KEY_ID = TRANSACTION_LOG_KEY.indexOf(TRANSACTION_LOG_KEY.ID);
    private static final int KEY_DECIDED_AT = TRANSACTION_LOG_KEY.indexOf(TRANSACTION_LOG_KEY.DECIDED_AT);
    private static final int KEY_MAC = TRANSACTION_LOG_KEY.indexOf(TRANSACTION_LOG_KEY.MAC);
    private static final int KEY_COLUMNS = TRANSACTION_LOG_KEY.fields().length;

    private final List<Object[]> pending = new ArrayList<>();
    /** The id of the next row; 0 until loaded from the table. */
    private long nextId;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(TRANSACTION_LOG, TRANSACTION_LOG_KEY);
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
            // A device known only by its answer to an ICMP echo (no MAC): the MAC column reads "-" too.
            case AddressInUseObserved e -> add(row(stored, e.subnetId().value(), e.at(), Decision.OBSERVED_IN_USE,
                    e.standing().name(), e.address(), e.mac() == null ? null : ClientIdentity.of(e.mac()),
                    NO_TRANSACTION, null, e.heldUntil()));
            // Another server's answer: the client it answered, the address it gave, who it was in detail.
            case ForeignDhcpServerObserved e -> add(row(stored, e.subnetId().value(), e.at(), Decision.FOREIGN_SERVER,
                    e.messageType() + " from " + e.server(), e.offered(), ClientIdentity.of(e.client()), NO_TRANSACTION,
                    null, null));
            default -> {
                // Configuration is not a decision.
            }
        }
    }

    private void add(Object[] row) {
        if (nextId == 0) {
            throw new IllegalStateException("apply before begin");
        }
        row[ID] = nextId++;
        pending.add(row);
    }

    /** The {@code transaction_log_key} rows of {@code rows}: each one's id, time and MAC. */
    private static List<Object[]> keys(List<Object[]> rows) {
        List<Object[]> keys = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] key = new Object[KEY_COLUMNS];
            key[KEY_ID] = row[ID];
            key[KEY_DECIDED_AT] = row[DECIDED_AT];
            key[KEY_MAC] = row[MAC];
            keys.add(key);
        }
        return keys;
    }

    private static Object[] row(StoredEvent stored, LeaseEvent event) {
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

    private static Object[] row(StoredEvent stored, String subnet, java.time.Instant at, Decision decision,
                                String detail, io.leaseledger.events.types.Ipv4Address address,
                                ClientIdentity c, String tx, Long leaseSeconds, java.time.Instant expires) {
        // c null: no client, no device known by its hardware address.
        Object[] r = new Object[COLUMNS];
        r[SUBNET] = subnet;
        r[SEQ] = stored.sequenceNumber();
        r[DECIDED_AT] = Times.sql(at);
        r[DECISION] = decision.name();
        r[DETAIL] = detail;
        r[ADDRESS] = address == null ? null : address.toString();
        r[ADDRESS_NUM] = address == null ? null : address.toUnsigned();
        if (c == null) {
            r[MAC] = NO_DEVICE;
        } else {
            r[MAC] = Clients.mac(c);
            r[CLIENT_ID] = Clients.clientId(c);
            r[HOSTNAME] = Clients.hostname(c);
            r[VENDOR_CLASS] = c.vendorClass();
            r[RELAY] = Clients.relay(c);
            r[CIRCUIT_ID] = Clients.circuitId(c);
            r[REMOTE_ID] = Clients.remoteId(c);
        }
        r[TRANSACTION_ID] = tx;
        r[LEASE_SECONDS] = leaseSeconds;
        r[EXPIRES_AT] = Times.sql(expires);
        return r;
    }

    @Override
    public void flush(DSLContext tx) {
        Rows.insertValues(tx, TRANSACTION_LOG, pending);
        Rows.insertValues(tx, TRANSACTION_LOG_KEY, keys(pending));
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
