package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.LeaseTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DECLINE, RELEASE and the scheduled reclamation of what ran out. */
class DeclineReleaseReclaimTest {

    private static final ClientIdentity DAVE = client("02:00:00:00:00:0d");
    private AggregateTestFixture<Subnet> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void aDeclinedLeasePutsTheAddressInProbation() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(1), decline(ALICE, "198.18.0.10")))
                .expectEvents(new AddressDeclined(SUBNET, ip("198.18.0.10"), ALICE, XID, t(1),
                        t(1).plus(SETTINGS.probation())))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NO_REPLY_DEFINED)));
    }

    @Test
    void aDeclineFollowedByADiscoverGetsADifferentAddress() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0),
                        granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(1), decline(ALICE, "198.18.0.10"), discover(ALICE)))
                .expectEvents(new AddressDeclined(SUBNET, ip("198.18.0.10"), ALICE, XID, t(1),
                                t(1).plus(SETTINGS.probation())),
                        offered("198.18.0.11", ALICE, t(1)));
    }

    @Test
    void declininganAddressTheClientDoesNotHoldChangesNothing() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), decline(ALICE, "198.18.0.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_HELD_BY_CLIENT)));
    }

    @Test
    void releaseFreesTheAddress() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(5), release(ALICE, "198.18.0.10"), discover(BOB)))
                .expectEvents(new LeaseReleased(SUBNET, ip("198.18.0.10"), ALICE, XID, t(5)),
                        offered("198.18.0.10", BOB, t(5)))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NO_REPLY_DEFINED),
                        offer("198.18.0.10")));
    }

    @Test
    void releasingSomeoneElsesLeaseIsIgnored() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(5), release(ALICE, "198.18.0.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_HELD_BY_CLIENT)));
    }

    @Test
    void reclaimEndsExpiredLeasesProbationsAndStaleOffersOldestFirst() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new AddressDeclined(SUBNET, ip("198.18.0.11"), BOB, XID, T0, t(100)),
                        offered("198.18.0.12", CAROL, t(200)),
                        granted("198.18.0.13", DAVE, t(500), GrantKind.NEW))
                .when(new ReclaimExpiredLeases(SUBNET, t(700), 10))
                .expectEvents(new ProbationEnded(SUBNET, ip("198.18.0.11"), BOB, XID, t(700)),
                        new OfferWithdrawn(SUBNET, ip("198.18.0.12"), CAROL, XID, t(700), OfferWithdrawn.Reason.HOLD_EXPIRED),
                        new LeaseExpired(SUBNET, ip("198.18.0.10"), ALICE, XID, t(700), t(600)))
                .expectResultMessagePayload(new ReclaimOutcome(1, 1, 1, false));
    }

    @Test
    void reclaimHonoursItsBatchLimitAndSaysMoreIsDue() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        granted("198.18.0.11", BOB, t(1), GrantKind.NEW),
                        granted("198.18.0.12", CAROL, t(2), GrantKind.NEW))
                .when(new ReclaimExpiredLeases(SUBNET, t(700), 2))
                .expectEvents(new LeaseExpired(SUBNET, ip("198.18.0.10"), ALICE, XID, t(700), t(600)),
                        new LeaseExpired(SUBNET, ip("198.18.0.11"), BOB, XID, t(700), t(601)))
                .expectResultMessagePayload(new ReclaimOutcome(2, 0, 0, true));
    }

    @Test
    void reclaimLeavesLeasesThatHaveNotExpired() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(new ReclaimExpiredLeases(SUBNET, t(599), 10))
                .expectNoEvents()
                .expectResultMessagePayload(new ReclaimOutcome(0, 0, 0, false));
    }

    @Test
    void aLeaseExpiresExactlyAtItsEnd() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(new ReclaimExpiredLeases(SUBNET, t(600), 10))
                .expectEvents(new LeaseExpired(SUBNET, ip("198.18.0.10"), ALICE, XID, t(600), t(600)));
    }

    @Test
    void aRenewedLeaseIsNotReclaimedAtItsOldExpiry() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        granted("198.18.0.10", ALICE, t(300), GrantKind.RENEWED))
                .when(new ReclaimExpiredLeases(SUBNET, t(800), 10))
                .expectNoEvents();
    }

    @Test
    void anInfiniteLeaseNeverExpires() {
        var forever = new io.leaseledger.events.subnet.LeaseGranted(SUBNET, ip("198.18.0.10"), ALICE, XID, T0,
                GrantKind.NEW, LeaseTime.INFINITE, java.time.Instant.MAX);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), forever)
                .when(new ReclaimExpiredLeases(SUBNET, t(1_000_000_000L), 10))
                .expectNoEvents();
    }

    @Test
    void anExpiredClientComingBackGetsItsAddressAgain() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.15", ALICE, T0),
                        granted("198.18.0.15", ALICE, T0, GrantKind.NEW),
                        new LeaseExpired(SUBNET, ip("198.18.0.15"), ALICE, XID, t(700), t(600)))
                .when(decide(t(800), discover(ALICE)))
                .expectEvents(offered("198.18.0.15", ALICE, t(800)));
    }
}
