package io.leaseledger.streaming;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of a rack as the packet path drives it: the real event store (H2 file), the
 * {@code Subnet} aggregates and group commit ({@link SubnetGateway}); clients doing DORA.
 */
final class Rack implements AutoCloseable {
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");

    final AxonStore store;
    final SubnetGateway gateway;
    final List<SubnetId> subnets = new ArrayList<>();

    Rack(Path data) {
        this(StoreSettings.h2(data));
    }

    Rack(StoreSettings settings) {
        store = AxonStore.start(settings, List.of(Subnet.class));
        gateway = new SubnetGateway(store.commandGateway(), Clock.systemUTC(), store.settings().mailbox());
    }

    /** Defines {@code count} /20 subnets (198.18.16.0/20, 198.18.32.0/20, ...), each with a dynamic pool of ~4000. */
    Rack withSubnets(int count) {
        Instant now = Instant.now();
        for (int i = 1; i <= count; i++) {
            Cidr cidr = Cidr.parse("198.18." + (16 * i) + ".0/20");
            SubnetId id = SubnetId.of(cidr);
            store.commandGateway().sendAndWait(DefineSubnet.of(cidr, SubnetSettings.defaults(), now));
            store.commandGateway().sendAndWait(new AddRange(id, AddressRange.of("198.18." + (16 * i) + ".10",
                    "198.18." + (16 * i + 15) + ".250"), RangeKind.DYNAMIC, now));
            subnets.add(id);
        }
        return this;
    }

    static ClientIdentity client(int n) {
        return ClientIdentity.of(MacAddress.ethernet(new byte[] {0x02, 0x00, (byte) (n >>> 24), (byte) (n >>> 16),
                (byte) (n >>> 8), (byte) n}));
    }

    /** DISCOVER then REQUEST of the offered address: the ACK's future. */
    CompletableFuture<Decision> dora(SubnetId subnet, int n) {
        ClientMessage discover = ClientMessage.discover(client(n), TransactionId.of(n), SERVER, null, Delivery.BROADCAST);
        return gateway.decide(subnet, discover).thenCompose(offer -> {
            if (!(offer instanceof Decision.Offer o)) {
                return CompletableFuture.completedFuture(offer);
            }
            return gateway.decide(subnet, ClientMessage.selecting(client(n), TransactionId.of(n), SERVER, SERVER,
                    o.address(), Delivery.BROADCAST));
        });
    }

    /** Clients {@code first}..{@code first+count-1} on every subnet, all at once; the ACK futures. */
    List<CompletableFuture<Decision>> load(int first, int count) {
        List<CompletableFuture<Decision>> acks = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            for (SubnetId subnet : subnets) {
                acks.add(dora(subnet, n));
            }
        }
        return acks;
    }

    /** What the store holds: event id → (subnet, sequence), in global order. */
    Map<String, StoredEvent> storedEvents() throws SQLException {
        Map<String, StoredEvent> out = new LinkedHashMap<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, payloadType "
                     + "FROM domainevententry ORDER BY globalIndex")) {
            while (r.next()) {
                out.put(r.getString(1), new StoredEvent(r.getString(2), r.getLong(3), r.getString(4)));
            }
        }
        return out;
    }

    /** How many events the store holds. */
    long eventCount() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM domainevententry")) {
            r.next();
            return r.getLong(1);
        }
    }

    record StoredEvent(String subnet, long sequence, String payloadType) {}

    @Override
    public void close() {
        gateway.close();
        store.close();
    }
}
