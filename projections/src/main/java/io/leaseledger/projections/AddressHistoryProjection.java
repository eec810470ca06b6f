package io.leaseledger.projections;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.projections.tables.tables.records.AddressIntervalRecord;
import org.jooq.DSLContext;
import org.jooq.Table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leaseledger.projections.tables.Tables.ADDRESS_INTERVAL;

/**
 * Projection {@value #NAME}: every holding of every address as an interval
 * [{@code valid_from}, {@code valid_to}) in {@code address_interval}.
 *
 * <ul>
 *   <li>A grant to the client already holding the address (renewal, rebind, init-reboot) extends
 *       the open interval: new {@code expires_at}, one more renewal.</li>
 *   <li>A grant to another client closes the open interval (REASSIGNED) and opens one; a grant
 *       to a client that holds another address of the subnet closes that one (MOVED).</li>
 *   <li>Release closes at the release, expiry at the moment the lease ran out, a decline at the
 *       decline, and the decline opens a PROBATION interval that probation-ended closes.</li>
 * </ul>
 * Offers and NAKs are not holdings; the transaction log has them. Open intervals are kept in
 * memory; a batch writes the intervals it opened, extended or closed.
 */
public final class AddressHistoryProjection implements Projection {
    public static final String NAME = "history";

    private record Slot(String subnet, long address, IntervalKind kind) {
    }

    private record Holder(String subnet, String client) {
    }

    private final Map<Slot, IntervalRow> open = new HashMap<>();
    private final Map<Holder, Long> leaseOfClient = new HashMap<>();
    private final Map<List<Object>, IntervalRow> dirty = new LinkedHashMap<>();
    /** Open intervals already in the table (the rest of a batch's rows are new: inserted, not replaced). */
    private final java.util.Set<List<Object>> stored = new java.util.HashSet<>();
    private boolean loaded;
    /** Intervals closed since the last flush (an upper bound on the closed rows in {@code dirty}). */
    private int closedPending;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table<?>> tables() {
        return List.of(ADDRESS_INTERVAL);
    }

    @Override
    public void begin(DSLContext tx) {
        if (loaded) {
            return;
        }
        open.clear();
        leaseOfClient.clear();
        for (AddressIntervalRecord record : tx.selectFrom(ADDRESS_INTERVAL).where(ADDRESS_INTERVAL.VALID_TO.isNull()).fetch()) {
            IntervalRow r = IntervalRow.of(record);
            IntervalKind kind = IntervalKind.valueOf(r.getKind());
            open.put(new Slot(r.getSubnet(), r.getAddressNum(), kind), r);
            stored.add(List.of(r.getSubnet(), r.getOpenedSeq()));
            if (kind == IntervalKind.LEASE) {
                leaseOfClient.put(new Holder(r.getSubnet(), r.getClientKey()), r.getAddressNum());
            }
        }
        loaded = true;
    }

    @Override
    public void apply(StoredEvent stored) {
        if (!(stored.payload() instanceof LeaseEvent event)) {
            return;
        }
        String subnet = event.subnetId().value();
        long address = event.address().toUnsigned();
        Slot lease = new Slot(subnet, address, IntervalKind.LEASE);
        String client = Clients.key(event.client());
        switch (event) {
            case LeaseGranted e -> {
                IntervalRow current = open.get(lease);
                if (current != null && current.getClientKey().equals(client)) {
                    current.setExpiresAt(Times.sql(e.expiresAt()));
                    current.setRenewals(current.getRenewals() + 1);
                    if (e.client().hostname() != null) {
                        current.setHostname(e.client().hostname().value());
                    }
                    touch(current);
                    return;
                }
                if (current != null) {
                    close(lease, e.at(), "REASSIGNED");
                }
                Long elsewhere = leaseOfClient.get(new Holder(subnet, client));
                if (elsewhere != null && elsewhere != address) {
                    close(new Slot(subnet, elsewhere, IntervalKind.LEASE), e.at(), "MOVED");
                }
                openInterval(lease, stored.sequenceNumber(), e, e.at(), e.expiresAt());
            }
            case LeaseReleased e -> closeIfHeldBy(lease, client, e.at(), "RELEASED");
            case LeaseExpired e -> closeIfHeldBy(lease, client, e.expiredAt().isBefore(e.at()) ? e.expiredAt() : e.at(), "EXPIRED");
            case AddressDeclined e -> {
                if (open.containsKey(lease)) {
                    close(lease, e.at(), "DECLINED");
                }
                Slot probation = new Slot(subnet, address, IntervalKind.PROBATION);
                if (open.containsKey(probation)) {
                    close(probation, e.at(), "DECLINED");
                }
                openInterval(probation, stored.sequenceNumber(), e, e.at(), e.probationUntil());
            }
            case ProbationEnded e -> {
                Slot probation = new Slot(subnet, address, IntervalKind.PROBATION);
                if (open.containsKey(probation)) {
                    close(probation, e.at(), "PROBATION_ENDED");
                }
            }
            default -> {
                // Offers, withdrawals and NAKs hold nothing.
            }
        }
    }

    private void openInterval(Slot slot, long sequence, LeaseEvent e, Instant from, Instant expiresAt) {
        ClientIdentity c = e.client();
        IntervalRow r = new IntervalRow();
        r.setSubnet(slot.subnet());
        r.setOpenedSeq(sequence);
        r.setAddress(e.address().toString());
        r.setAddressNum(slot.address());
        r.setKind(slot.kind().name());
        r.setClientKey(Clients.key(c));
        r.setMac(Clients.mac(c));
        r.setClientId(Clients.clientId(c));
        r.setHostname(Clients.hostname(c));
        r.setRelay(Clients.relay(c));
        r.setValidFrom(Times.sql(from));
        r.setValidTo(null);
        r.setExpiresAt(Times.sql(expiresAt));
        r.setRenewals(0);
        r.setEndedBy(null);
        open.put(slot, r);
        if (slot.kind() == IntervalKind.LEASE) {
            leaseOfClient.put(new Holder(slot.subnet(), r.getClientKey()), slot.address());
        }
        touch(r);
    }

    private void closeIfHeldBy(Slot slot, String client, Instant at, String reason) {
        IntervalRow r = open.get(slot);
        if (r != null && r.getClientKey().equals(client)) {
            close(slot, at, reason);
        }
    }

    private void close(Slot slot, Instant at, String reason) {
        IntervalRow r = open.remove(slot);
        if (r == null) {
            return;
        }
        OffsetDateTime to = Times.sql(at);
        // An interval never ends before it began (events of one batch share their time).
        r.setValidTo(to.isBefore(r.getValidFrom()) ? r.getValidFrom() : to);
        r.setEndedBy(reason);
        if (slot.kind() == IntervalKind.LEASE) {
            leaseOfClient.remove(new Holder(slot.subnet(), r.getClientKey()), slot.address());
        }
        touch(r);
        closedPending++;
    }

    private void touch(IntervalRow r) {
        dirty.put(List.of(r.getSubnet(), r.getOpenedSeq()), r);
    }

    @Override
    public void flush(DSLContext tx) {
        List<Object[]> replaced = new java.util.ArrayList<>();
        List<Object[]> fresh = new java.util.ArrayList<>();
        for (var e : dirty.entrySet()) {
            (stored.contains(e.getKey()) ? replaced : fresh).add(e.getValue().values());
        }
        Rows.mergeValues(tx, ADDRESS_INTERVAL, replaced);
        Rows.insertValues(tx, ADDRESS_INTERVAL, fresh);
        for (var e : dirty.entrySet()) {
            // A closed interval is never written again: only open ones need remembering.
            if (e.getValue().getValidTo() == null) {
                stored.add(e.getKey());
            } else {
                stored.remove(e.getKey());
            }
        }
        dirty.clear();
        closedPending = 0;
    }

    @Override
    public int finalRowsPending() {
        return closedPending;
    }

    /** The closed intervals of the buffer: a closed interval is never written again. */
    @Override
    public void flushFinal(DSLContext tx) {
        List<Object[]> replaced = new java.util.ArrayList<>();
        List<Object[]> fresh = new java.util.ArrayList<>();
        for (var it = dirty.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().getValidTo() != null) {
                (stored.remove(e.getKey()) ? replaced : fresh).add(e.getValue().values());
                it.remove();
            }
        }
        Rows.mergeValues(tx, ADDRESS_INTERVAL, replaced);
        Rows.insertValues(tx, ADDRESS_INTERVAL, fresh);
        closedPending = 0;
    }

    @Override
    public void forget() {
        closedPending = 0;
        open.clear();
        leaseOfClient.clear();
        dirty.clear();
        stored.clear();
        loaded = false;
    }

    /**
     * An {@code address_interval} row. A plain object rather than a jOOQ record: one is made
     * for every interval opened and changed for every renewal and close, and filling a
     * 15-field record (its value, original and changed-flag arrays, a check per field set)
     * cost more than the event's own logic.
     */
    private static final class IntervalRow {
        private static final int COLUMNS = ADDRESS_INTERVAL.fields().length;
        private static final int SUBNET_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.SUBNET);
        private static final int OPENED_SEQ_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.OPENED_SEQ);
        private static final int ADDRESS_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.ADDRESS);
        private static final int ADDRESS_NUM_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.ADDRESS_NUM);
        private static final int KIND_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.KIND);
        private static final int CLIENT_KEY_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.CLIENT_KEY);
        private static final int MAC_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.MAC);
        private static final int CLIENT_ID_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.CLIENT_ID);
        private static final int HOSTNAME_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.HOSTNAME);
        private static final int RELAY_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.RELAY);
        private static final int VALID_FROM_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.VALID_FROM);
        private static final int VALID_TO_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.VALID_TO);
        private static final int EXPIRES_AT_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.EXPIRES_AT);
        private static final int RENEWALS_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.RENEWALS);
        private static final int ENDED_BY_AT = ADDRESS_INTERVAL.indexOf(ADDRESS_INTERVAL.ENDED_BY);

        String subnet;
        long openedSeq;
        String address;
        long addressNum;
        String kind;
        String clientKey;
        String mac;
        String clientId;
        String hostname;
        String relay;
        OffsetDateTime validFrom;
        OffsetDateTime validTo;
        OffsetDateTime expiresAt;
        int renewals;
        String endedBy;

        static IntervalRow of(AddressIntervalRecord r) {
            IntervalRow i = new IntervalRow();
            i.subnet = r.getSubnet();
            i.openedSeq = r.getOpenedSeq();
            i.address = r.getAddress();
            i.addressNum = r.getAddressNum();
            i.kind = r.getKind();
            i.clientKey = r.getClientKey();
            i.mac = r.getMac();
            i.clientId = r.getClientId();
            i.hostname = r.getHostname();
            i.relay = r.getRelay();
            i.validFrom = r.getValidFrom();
            i.validTo = r.getValidTo();
            i.expiresAt = r.getExpiresAt();
            i.renewals = r.getRenewals();
            i.endedBy = r.getEndedBy();
            return i;
        }

        /** The row's values in the order of the table's fields ({@link Rows#insertValues}). */
        Object[] values() {
            Object[] v = new Object[COLUMNS];
            v[SUBNET_AT] = subnet;
            v[OPENED_SEQ_AT] = openedSeq;
            v[ADDRESS_AT] = address;
            v[ADDRESS_NUM_AT] = addressNum;
            v[KIND_AT] = kind;
            v[CLIENT_KEY_AT] = clientKey;
            v[MAC_AT] = mac;
            v[CLIENT_ID_AT] = clientId;
            v[HOSTNAME_AT] = hostname;
            v[RELAY_AT] = relay;
            v[VALID_FROM_AT] = validFrom;
            v[VALID_TO_AT] = validTo;
            v[EXPIRES_AT_AT] = expiresAt;
            v[RENEWALS_AT] = renewals;
            v[ENDED_BY_AT] = endedBy;
            return v;
        }

        String getSubnet() { return subnet; }
        long getOpenedSeq() { return openedSeq; }
        long getAddressNum() { return addressNum; }
        String getKind() { return kind; }
        String getClientKey() { return clientKey; }
        OffsetDateTime getValidFrom() { return validFrom; }
        OffsetDateTime getValidTo() { return validTo; }
        int getRenewals() { return renewals; }
        void setSubnet(String v) { subnet = v; }
        void setOpenedSeq(long v) { openedSeq = v; }
        void setAddress(String v) { address = v; }
        void setAddressNum(long v) { addressNum = v; }
        void setKind(String v) { kind = v; }
        void setClientKey(String v) { clientKey = v; }
        void setMac(String v) { mac = v; }
        void setClientId(String v) { clientId = v; }
        void setHostname(String v) { hostname = v; }
        void setRelay(String v) { relay = v; }
        void setValidFrom(OffsetDateTime v) { validFrom = v; }
        void setValidTo(OffsetDateTime v) { validTo = v; }
        void setExpiresAt(OffsetDateTime v) { expiresAt = v; }
        void setRenewals(int v) { renewals = v; }
        void setEndedBy(String v) { endedBy = v; }
    }
}
