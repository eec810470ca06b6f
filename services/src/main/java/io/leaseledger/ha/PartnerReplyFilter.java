package io.leaseledger.ha;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.foreign.ForeignReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HA partner's DHCP replies off the list of other DHCP servers. The partner's addresses
 * come in its heartbeats; a reply heard before the first heartbeat cannot be judged yet, so it is
 * held (at most {@value #HELD} of them; past that the oldest is dropped and counted: a server that
 * keeps answering is heard again) until the addresses are known, or until this node stops
 * waiting for its partner without having heard it (it is down: whatever answered is another
 * server). Then each held reply is judged as a new one would be. The foreign DHCP listener calls
 * {@link #accept} from its reader threads; the HA ticker calls {@link #release}.
 */
final class PartnerReplyFilter implements Consumer<ForeignReply> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerReplyFilter.class);

    /** Replies held at most while the partner's addresses are unknown. */
    static final int HELD = 256;

    private final Supplier<Set<Ipv4Address>> partnerAddresses;
    private final BooleanSupplier waitingForPartner;
    private final Consumer<ForeignReply> next;
    private final ArrayDeque<ForeignReply> held = new ArrayDeque<>();
    private final LongAdder partnerReplies = new LongAdder();
    private final LongAdder overflowed = new LongAdder();

    /**
     * @param partnerAddresses  the partner's addresses, from its last heartbeat (empty before the first)
     * @param waitingForPartner true while this node has not yet heard its partner nor given up on it
     * @param next              where the replies of other servers go
     */
    PartnerReplyFilter(Supplier<Set<Ipv4Address>> partnerAddresses, BooleanSupplier waitingForPartner,
                       Consumer<ForeignReply> next) {
        this.partnerAddresses = partnerAddresses;
        this.waitingForPartner = waitingForPartner;
        this.next = next;
    }

    @Override
    public void accept(ForeignReply reply) {
        Set<Ipv4Address> partner = partnerAddresses.get();
        if (partner.isEmpty() && waitingForPartner.getAsBoolean()) {
            synchronized (held) {
                if (held.size() == HELD) {
                    overflowed.increment();
                    held.removeFirst();
                }
                held.addLast(reply);
            }
            return;
        }
        release();
        judge(reply, partner);
    }

    /** Judges what is held, once the partner's addresses are known or this node stopped waiting for them. */
    void release() {
        Set<Ipv4Address> partner = partnerAddresses.get();
        if (partner.isEmpty() && waitingForPartner.getAsBoolean()) {
            return;
        }
        List<ForeignReply> judged;
        synchronized (held) {
            if (held.isEmpty()) {
                return;
            }
            judged = new ArrayList<>(held);
            held.clear();
        }
        long partnerBefore = partnerReplies.sum();
        judged.forEach(reply -> judge(reply, partner));
        LOG.info("HA: {} DHCP repl(ies) heard before the partner's first heartbeat judged: {} the partner's, the rest"
                + " another server's; {} dropped unjudged (more than {} waited)", judged.size(),
                partnerReplies.sum() - partnerBefore, overflowed.sum(), HELD);
    }

    private void judge(ForeignReply reply, Set<Ipv4Address> partner) {
        if (partner.contains(reply.server()) || partner.contains(reply.sourceAddress())) {
            partnerReplies.increment();
        } else {
            next.accept(reply);
        }
    }

    /** Replies found to be the partner's (the release's log line says how many of those held). */
    long partnerReplies() {
        return partnerReplies.sum();
    }

    /** Replies held before the first heartbeat and dropped, the oldest first, when more than {@value #HELD} waited. */
    long overflowed() {
        return overflowed.sum();
    }

    int held() {
        synchronized (held) {
            return held.size();
        }
    }
}
