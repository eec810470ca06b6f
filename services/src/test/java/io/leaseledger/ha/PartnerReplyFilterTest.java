package io.leaseledger.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.foreign.ForeignReply;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The partner's replies are not another server's, also when they are heard before its first heartbeat. */
class PartnerReplyFilterTest {
    private static final Ipv4Address PARTNER = Ipv4Address.parse("198.18.0.2");
    private static final Ipv4Address ROGUE = Ipv4Address.parse("198.18.0.66");

    private final AtomicReference<Set<Ipv4Address>> announced = new AtomicReference<>(Set.of());
    private final AtomicBoolean waiting = new AtomicBoolean(true);
    private final List<Ipv4Address> listed = new CopyOnWriteArrayList<>();
    private final PartnerReplyFilter filter = new PartnerReplyFilter(announced::get, waiting::get,
            reply -> listed.add(reply.server()));

    @Test
    void repliesHeardBeforeTheFirstHeartbeatWaitForItAndOnlyTheOthersAreListed() {
        filter.accept(reply(PARTNER));
        filter.accept(reply(ROGUE));
        filter.release();
        assertThat(listed).isEmpty();
        assertThat(filter.held()).isEqualTo(2);

        announced.set(Set.of(PARTNER));
        waiting.set(false);
        filter.release();

        assertThat(listed).containsExactly(ROGUE);
        assertThat(filter.partnerReplies()).isEqualTo(1);
        assertThat(filter.held()).isZero();
    }

    @Test
    void afterTheHeartbeatEachReplyIsJudgedAtOnce() {
        announced.set(Set.of(PARTNER));
        waiting.set(false);

        filter.accept(reply(PARTNER));
        filter.accept(reply(ROGUE));

        assertThat(listed).containsExactly(ROGUE);
    }

    @Test
    void aPartnerNeverHeardIsTakenForDownAndWhatWasHeldIsListed() {
        filter.accept(reply(PARTNER));
        waiting.set(false); // max-response-delay passed without a heartbeat

        filter.release();

        assertThat(listed).containsExactly(PARTNER);
    }

    @Test
    void atMostSoManyAreHeldTheOldestDroppedAndCounted() {
        for (int i = 0; i < PartnerReplyFilter.HELD + 3; i++) {
            filter.accept(reply(Ipv4Address.of(0xC6120100 + i)));
        }

        assertThat(filter.held()).isEqualTo(PartnerReplyFilter.HELD);
        assertThat(filter.overflowed()).isEqualTo(3);
        waiting.set(false);
        filter.release();
        assertThat(listed).hasSize(PartnerReplyFilter.HELD).first().isEqualTo(Ipv4Address.of(0xC6120103));
    }

    private static ForeignReply reply(Ipv4Address server) {
        return new ForeignReply("eth1", server, server, Optional.empty(), "DHCPOFFER", "52:54:00:00:00:01",
                Optional.of(Ipv4Address.parse("198.18.0.100")));
    }
}
