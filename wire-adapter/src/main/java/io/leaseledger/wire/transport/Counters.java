package io.leaseledger.wire.transport;

import io.leaseledger.events.types.SubnetId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The transport's counters: plain {@link LongAdder}s, written from the event loops. */
final class Counters implements TransportCounters {

    private final LongAdder received = new LongAdder();
    /** Drops of datagrams whose subnet was not known, by reason. */
    private final Map<DropReason, LongAdder> noSubnetDrops = new ConcurrentHashMap<>();
    /**
     * Drops of datagrams for a known subnet: per subnet, by reason. Each adder is made on the first
     * drop of its pair; every later drop only looks it up, so an overload allocates nothing.
     */
    private final Map<SubnetId, Map<DropReason, LongAdder>> subnetDrops = new ConcurrentHashMap<>();
    private final Map<ReplyPath, LongAdder> sent = new EnumMap<>(ReplyPath.class);
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder channelErrors = new LongAdder();

    Counters() {
        for (ReplyPath path : ReplyPath.values()) {
            sent.put(path, new LongAdder());
        }
    }

    void countReceived() {
        received.increment();
    }

    void countDrop(DropReason reason) {
        adder(noSubnetDrops, reason).increment();
    }

    void countDrop(DropReason reason, SubnetId subnet) {
        Map<DropReason, LongAdder> bySubnet = subnetDrops.get(subnet);
        if (bySubnet == null) {
            bySubnet = subnetDrops.computeIfAbsent(subnet, s -> new ConcurrentHashMap<>());
        }
        adder(bySubnet, reason).increment();
    }

    /** A plain get first: computeIfAbsent may lock the bin even when the adder is there. */
    private static LongAdder adder(Map<DropReason, LongAdder> byReason, DropReason reason) {
        LongAdder adder = byReason.get(reason);
        return adder != null ? adder : byReason.computeIfAbsent(reason, r -> new LongAdder());
    }

    void countSent(ReplyPath path) {
        sent.get(path).increment();
    }

    void countSendFailure() {
        sendFailures.increment();
    }

    void countChannelError() {
        channelErrors.increment();
    }

    @Override
    public long received() {
        return received.sum();
    }

    @Override
    public long dropped(DropReason reason) {
        long total = droppedWithoutSubnet(reason);
        for (Map<DropReason, LongAdder> bySubnet : subnetDrops.values()) {
            total += sum(bySubnet, reason);
        }
        return total;
    }

    @Override
    public long dropped(DropReason reason, SubnetId subnet) {
        Map<DropReason, LongAdder> bySubnet = subnetDrops.get(subnet);
        return bySubnet == null ? 0 : sum(bySubnet, reason);
    }

    @Override
    public long droppedWithoutSubnet(DropReason reason) {
        return sum(noSubnetDrops, reason);
    }

    @Override
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> snapshot = new HashMap<>(snapshot(noSubnetDrops));
        for (Map<DropReason, LongAdder> bySubnet : subnetDrops.values()) {
            bySubnet.forEach((reason, adder) -> snapshot.merge(reason, adder.sum(), Long::sum));
        }
        return Map.copyOf(snapshot);
    }

    @Override
    public Map<SubnetId, Map<DropReason, Long>> dropsBySubnet() {
        Map<SubnetId, Map<DropReason, Long>> snapshot = new HashMap<>();
        subnetDrops.forEach((subnet, bySubnet) -> snapshot.put(subnet, snapshot(bySubnet)));
        return Map.copyOf(snapshot);
    }

    @Override
    public Map<DropReason, Long> dropsWithoutSubnet() {
        return snapshot(noSubnetDrops);
    }

    private static long sum(Map<DropReason, LongAdder> byReason, DropReason reason) {
        LongAdder adder = byReason.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    private static Map<DropReason, Long> snapshot(Map<DropReason, LongAdder> byReason) {
        Map<DropReason, Long> snapshot = new HashMap<>();
        byReason.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
        return Map.copyOf(snapshot);
    }

    @Override
    public long sent(ReplyPath path) {
        return sent.get(path).sum();
    }

    @Override
    public long sentTotal() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public long sendFailures() {
        return sendFailures.sum();
    }

    @Override
    public long channelErrors() {
        return channelErrors.sum();
    }

    @Override
    public String toString() {
        return "received=" + received() + " drops=" + drops() + " sent=" + sentTotal() + " sendFailures="
                + sendFailures() + " channelErrors=" + channelErrors();
    }
}
