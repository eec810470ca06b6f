package io.leaseledger.readside;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.store.AxonStore;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lease workload through the real Subnet aggregate on the real store, in-process: batches of
 * DORAs (as group commit decides them), renewals, releases, declines, expiry reclaims and
 * re-leases of freed addresses to new clients. Deterministic: time is what the commands carry.
 */
final class LeaseLoad {
    static final Cidr CIDR = Cidr.parse("198.18.0.0/16");
    static final SubnetId SUBNET = SubnetId.of(CIDR);
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");
    static final Ipv4Address RELAY = Ipv4Address.parse("198.18.0.2");

    private final CommandGateway gateway;
    private final Map<Integer, Ipv4Address> bound = new HashMap<>();
    private Instant now;
    private int xid;

    LeaseLoad(AxonStore store, Instant start) {
        this.gateway = store.commandGateway();
        this.now = start;
    }

    Instant now() {
        return now;
    }

    void define(AddressRange pool) {
        gateway.sendAndWait(DefineSubnet.of(CIDR, SubnetSettings.defaults(), now));
        gateway.sendAndWait(new AddRange(SUBNET, pool, RangeKind.DYNAMIC, now));
        gateway.sendAndWait(new AddRange(SUBNET, AddressRange.of("198.18.0.1", "198.18.0.99"), RangeKind.RESERVED, now));
    }

    static ClientIdentity client(int n) {
        MacAddress mac = MacAddress.ethernet(new byte[] {0x02, 0x00, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        return new ClientIdentity(mac, null, n % 3 == 0 ? Hostname.of("node-" + n) : null,
                n % 2 == 0 ? "PXEClient:Arch:00007:UNDI:003016" : null, RelayAgent.of(RELAY));
    }

    /** DISCOVER then REQUEST for clients [first, first + count), {@code batch} per command. Returns acks. */
    int dora(int first, int count, int batch) {
        int acked = 0;
        for (int from = first; from < first + count; from += batch) {
            int to = Math.min(first + count, from + batch);
            List<ClientMessage> discovers = new ArrayList<>();
            for (int n = from; n < to; n++) {
                discovers.add(ClientMessage.discover(client(n), TransactionId.of(++xid), SERVER, null, Delivery.RELAYED));
            }
            List<Decision> offers = decide(discovers);
            tick(1);
            List<ClientMessage> requests = new ArrayList<>();
            List<Integer> who = new ArrayList<>();
            for (int i = 0; i < offers.size(); i++) {
                if (offers.get(i) instanceof Decision.Offer offer) {
                    int n = from + i;
                    who.add(n);
                    requests.add(ClientMessage.selecting(client(n), TransactionId.of(++xid), SERVER, SERVER,
                            offer.address(), Delivery.RELAYED));
                }
            }
            List<Decision> acks = requests.isEmpty() ? List.of() : decide(requests);
            for (int i = 0; i < acks.size(); i++) {
                if (acks.get(i) instanceof Decision.Ack ack) {
                    bound.put(who.get(i), ack.address());
                    acked++;
                }
            }
            tick(1);
        }
        return acked;
    }

    /** Every bound client whose number satisfies {@code which} renews (RENEWING, unicast). */
    void renew(java.util.function.IntPredicate which, int batch) {
        send(which, batch, (n, a) -> ClientMessage.extend(client(n), TransactionId.of(++xid), SERVER, a, Delivery.UNICAST), false);
    }

    void release(java.util.function.IntPredicate which, int batch) {
        send(which, batch, (n, a) -> ClientMessage.release(client(n), TransactionId.of(++xid), SERVER, a), true);
    }

    void decline(java.util.function.IntPredicate which, int batch) {
        send(which, batch, (n, a) -> ClientMessage.decline(client(n), TransactionId.of(++xid), SERVER, a, Delivery.RELAYED), true);
    }

    private void send(java.util.function.IntPredicate which, int batch,
                      java.util.function.BiFunction<Integer, Ipv4Address, ClientMessage> message, boolean ends) {
        List<Integer> clients = bound.keySet().stream().filter(which::test).sorted().toList();
        for (int i = 0; i < clients.size(); i += batch) {
            List<Integer> part = clients.subList(i, Math.min(clients.size(), i + batch));
            decide(part.stream().map(n -> message.apply(n, bound.get(n))).toList());
            if (ends) {
                part.forEach(bound::remove);
            }
            tick(1);
        }
    }

    /** Lets {@code seconds} pass, then reclaims what has run out until nothing is due. */
    int reclaimAfter(long seconds) {
        tick(seconds);
        int total = 0;
        ReclaimOutcome outcome;
        do {
            outcome = gateway.sendAndWait(new ReclaimExpiredLeases(SUBNET, now, 256));
            total += outcome.total();
        } while (outcome.moreDue());
        bound.clear();
        return total;
    }

    private List<Decision> decide(List<ClientMessage> messages) {
        return gateway.sendAndWait(new DecideClientMessages(SUBNET, messages, now));
    }

    void tick(long seconds) {
        now = now.plusSeconds(seconds);
    }
}
