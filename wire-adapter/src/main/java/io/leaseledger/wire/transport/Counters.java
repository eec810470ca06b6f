package io.leaseledger.wire.transport;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The transport's counters: plain {@link LongAdder}s, written from the event loops. */
final class Counters implements TransportCounters {

    private final LongAdder received = new LongAdder();
    private final Map<DropReason, LongAdder> drops = new ConcurrentHashMap<>();
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
        drops.computeIfAbsent(reason, r -> new LongAdder()).increment();
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
        LongAdder adder = drops.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> snapshot = new HashMap<>();
        drops.forEach((reason, adder) -> snapshot.put(reason, adder.sum()));
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
