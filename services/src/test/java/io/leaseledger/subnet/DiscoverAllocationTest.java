package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.LeaseTime;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DISCOVER → OFFER: the address order of {@link AllocationPolicy}, after Kea's alloc_engine4 tests. */
class DiscoverAllocationTest {

    private AggregateTestFixture<Subnet> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    @Test
    void aNewClientGetsTheFirstAddressOfThePoolHeldForTheOfferHoldTime() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE)))
                .expectEvents(offered("198.18.0.10", ALICE, T0))
                .expectResultMessagePayload(List.of(offer("198.18.0.10")));
    }

    /** Kea allocWithValidHint4: a free requested address in the pool is honoured. */
    @Test
    void aFreeRequestedAddressInThePoolIsOffered() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE, "198.18.0.15")))
                .expectEvents(offered("198.18.0.15", ALICE, T0))
                .expectResultMessagePayload(List.of(offer("198.18.0.15")));
    }

    /** Kea allocWithUsedHint4: a requested address leased to someone else is ignored, not refused. */
    @Test
    void aRequestedAddressLeasedToAnotherClientIsIgnored() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.15", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), discover(ALICE, "198.18.0.15")))
                .expectEvents(offered("198.18.0.10", ALICE, t(1)))
                .expectResultMessagePayload(List.of(offer("198.18.0.10")));
    }

    /** Kea allocBogusHint4: a hint outside the subnet, or on it but outside the pool, is ignored. */
    @Test
    void aBogusRequestedAddressIsIgnored() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE, "10.1.2.3"), discover(BOB, "198.18.0.200")))
                .expectEvents(offered("198.18.0.10", ALICE, T0), offered("198.18.0.11", BOB, T0))
                .expectResultMessagePayload(List.of(offer("198.18.0.10"), offer("198.18.0.11")));
    }

    /** Kea outOfAddresses4: no OFFER, no NAK (as Kea and dhcpd do), and the pool is reported exhausted once. */
    @Test
    void anExhaustedPoolStaysSilentAndReportsTheTransitionOnce() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), discover(ALICE), discover(CAROL)))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, t(1)))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.POOL_EXHAUSTED),
                        new Decision.Silent(SilentReason.POOL_EXHAUSTED)));
    }

    @Test
    void anAlreadyReportedExhaustionIsNotReportedAgain() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new PoolExhausted(SUBNET, ALICE, XID, 1, t(1)))
                .when(decide(t(2), discover(ALICE)))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.POOL_EXHAUSTED)));
    }

    @Test
    void aFreedAddressEndsExhaustionSoTheNextFailureIsReportedAgain() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new PoolExhausted(SUBNET, ALICE, XID, 1, t(1)),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), BOB, XID, t(2)),
                        granted("198.18.0.10", CAROL, t(3), GrantKind.NEW))
                .when(decide(t(4), discover(ALICE)))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, t(4)));
    }

    /** Kea requestReuseExpiredLease4 / discoverReuseExpiredLease4: an expired, unreclaimed lease is reused. */
    @Test
    void anExpiredLeaseOfAnotherClientIsReclaimedAndReused() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(700), discover(ALICE)))
                .expectEvents(new LeaseExpired(SUBNET, ip("198.18.0.10"), BOB, XID, t(700), t(600)),
                        offered("198.18.0.10", ALICE, t(700)))
                .expectResultMessagePayload(List.of(offer("198.18.0.10")));
    }

    /** Kea discoverReuseDeclinedLease4: a declined address is not offered during its probation... */
    @Test
    void aDeclinedAddressIsNotOfferedDuringProbation() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"),
                        new AddressDeclined(SUBNET, ip("198.18.0.10"), BOB, XID, T0, t(3600)))
                .when(decide(t(3599), discover(ALICE)))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, t(3599)))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.POOL_EXHAUSTED)));
    }

    /** ...and is offered again once the probation is over. */
    @Test
    void aDeclinedAddressIsReusedAfterProbation() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"),
                        new AddressDeclined(SUBNET, ip("198.18.0.10"), BOB, XID, T0, t(3600)))
                .when(decide(t(3600), discover(ALICE)))
                .expectEvents(new ProbationEnded(SUBNET, ip("198.18.0.10"), BOB, XID, t(3600)),
                        offered("198.18.0.10", ALICE, t(3600)));
    }

    @Test
    void anOfferIsHeldForItsClientUntilTheHoldTimeEnds() {
        var given = fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), offered("198.18.0.10", BOB, T0));
        given.when(decide(t(30), discover(ALICE)))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, t(30)));
    }

    @Test
    void anOfferPastItsHoldTimeIsWithdrawnWhenTheAddressIsWanted() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), offered("198.18.0.10", BOB, T0))
                .when(decide(t(31), discover(ALICE)))
                .expectEvents(new OfferWithdrawn(SUBNET, ip("198.18.0.10"), BOB, XID, t(31),
                                OfferWithdrawn.Reason.HOLD_EXPIRED),
                        offered("198.18.0.10", ALICE, t(31)));
    }

    @Test
    void aRepeatedDiscoverGetsTheSameOfferAgain() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.12", ALICE, T0))
                .when(decide(t(5), discover(ALICE)))
                .expectEvents(offered("198.18.0.12", ALICE, t(5)))
                .expectResultMessagePayload(List.of(offer("198.18.0.12")));
    }

    @Test
    void aClientWithALeaseIsOfferedItsOwnAddress() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.17", ALICE, T0, GrantKind.NEW))
                .when(decide(t(100), discover(ALICE, "198.18.0.11")))
                .expectEvents(offered("198.18.0.17", ALICE, t(100)));
    }

    @Test
    void aReservedHostGetsItsReservationEvenOutsideThePool() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), Hostname.of("alice"), T0))
                .when(decide(T0, discover(ALICE, "198.18.0.15")))
                .expectEvents(offered("198.18.0.5", ALICE, T0));
    }

    /** Kea: a reservation belonging to another client is never given to someone else, hint or not. */
    @Test
    void anAddressReservedForAnotherHostIsNeverOffered() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.11"),
                        new HostReserved(SUBNET, BOB.chaddr(), ip("198.18.0.10"), null, T0))
                .when(decide(T0, discover(ALICE, "198.18.0.10"), discover(CAROL)))
                .expectEvents(offered("198.18.0.11", ALICE, T0), new PoolExhausted(SUBNET, CAROL, XID, 2, T0));
    }

    @Test
    void aReservedHostWhoseAddressIsTakenGetsADynamicOne() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), null, T0))
                .when(decide(t(1), discover(ALICE)))
                .expectEvents(offered("198.18.0.11", ALICE, t(1)));
    }

    @Test
    void reservedRangesAreNeverOffered() {
        fixture.given(defined(), reserved("198.18.0.2-198.18.0.9"), dynamic("198.18.0.10-198.18.0.10"),
                        granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), discover(ALICE, "198.18.0.5")))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, t(1)));
    }

    @Test
    void anUnmanagedSubnetNeverLeasesByDhcp() {
        fixture.given(defined(SETTINGS.withManaged(false)), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE), select(BOB, "198.18.0.10"), renew(CAROL, "198.18.0.11")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.SUBNET_UNMANAGED),
                        new Decision.Silent(SilentReason.SUBNET_UNMANAGED),
                        new Decision.Silent(SilentReason.SUBNET_UNMANAGED)));
    }

    @Test
    void aRequestedLeaseTimeIsClampedToTheSubnetsBounds() {
        var asksForever = discover(ALICE).withRequestedLeaseTime(LeaseTime.INFINITE);
        var max = SETTINGS.maxLeaseTime();
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, asksForever))
                .expectResultMessagePayload(List.of(new Decision.Offer(ip("198.18.0.10"), max, max.fraction(1, 2),
                        max.fraction(7, 8))));
    }

    @Test
    void aZeroOfferHoldStillHoldsTheAddressWithinTheSameBatch() {
        fixture.given(defined(SETTINGS.withOfferHold(Duration.ZERO)), dynamic("198.18.0.10-198.18.0.10"))
                .when(decide(T0, discover(ALICE), discover(BOB)))
                .expectResultMessagePayload(List.of(new Decision.Offer(ip("198.18.0.10"), LEASE,
                        LeaseTime.ofSeconds(300), LeaseTime.ofSeconds(525)), new Decision.Silent(SilentReason.POOL_EXHAUSTED)));
    }
}
