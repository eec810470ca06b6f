package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.ReportAddressInUse;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.store.StoreSerializers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An address seen in use by another device (ARP, a report through the API) is never chosen
 * dynamically while the sighting is held; what is and is not recorded as an event.
 */
class InUseObservationTest {

    /** A device the server never leased anything to (a machine with a static address in the pool). */
    private static final MacAddress STRANGER = MacAddress.parse("02:00:00:00:00:99");
    private static final Duration HOLD = SETTINGS.inUseHold();

    private AggregateTestFixture<Subnet> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static ReportAddressInUse seen(String address, MacAddress mac, Instant at) {
        return new ReportAddressInUse(SUBNET, ip(address), mac, at);
    }

    private static AddressInUseObserved observed(String address, MacAddress mac, Instant at, InUseStanding standing) {
        return new AddressInUseObserved(SUBNET, ip(address), mac, at, standing, at.plus(HOLD));
    }

    @Test
    void aFreePoolAddressSeenInUseIsRecordedWithItsHold() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(seen("198.18.0.10", STRANGER, T0))
                .expectEvents(observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .expectResultMessagePayload(InUseOutcome.RECORDED);
    }

    @Test
    void theNextDiscoverSkipsAnAddressSeenInUse() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(decide(t(1), discover(ALICE)))
                .expectEvents(offered("198.18.0.11", ALICE, t(1)))
                .expectResultMessagePayload(List.of(offer("198.18.0.11")));
    }

    @Test
    void aRequestedHintSeenInUseIsIgnoredLikeATakenOne() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.15", STRANGER, T0, InUseStanding.FREE))
                .when(decide(t(1), discover(ALICE, "198.18.0.15")))
                .expectEvents(offered("198.18.0.10", ALICE, t(1)));
    }

    @Test
    void theDeviceThatWasSeenMayHaveTheAddress() {
        var stranger = client(STRANGER.toString());
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.15", STRANGER, T0, InUseStanding.FREE))
                .when(decide(t(1), discover(stranger, "198.18.0.15")))
                .expectEvents(offered("198.18.0.15", stranger, t(1)));
    }

    @Test
    void theAddressComesBackWhenItsHoldIsOver() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(decide(T0.plus(HOLD), discover(ALICE)))
                .expectEvents(offered("198.18.0.10", ALICE, T0.plus(HOLD)));
    }

    @Test
    void aPoolWhoseOnlyFreeAddressIsInUseIsExhaustedUntilTheHoldEnds() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(decide(T0.plus(HOLD).minusSeconds(1), discover(ALICE)))
                .expectEvents(new PoolExhausted(SUBNET, ALICE, XID, 1, T0.plus(HOLD).minusSeconds(1)))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.POOL_EXHAUSTED)));
    }

    @Test
    void theSameDeviceSeenAgainWithinHalfTheHoldIsNotNews() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(seen("198.18.0.10", STRANGER, T0.plus(HOLD.dividedBy(2)).minusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.ALREADY_KNOWN);
    }

    @Test
    void theSameDeviceSeenAfterHalfTheHoldRefreshesIt() {
        Instant later = T0.plus(HOLD.dividedBy(2));
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(seen("198.18.0.10", STRANGER, later))
                .expectEvents(observed("198.18.0.10", STRANGER, later, InUseStanding.FREE))
                .expectResultMessagePayload(InUseOutcome.REFRESHED);
    }

    @Test
    void aRefreshedSightingHoldsTheAddressPastTheFirstHold() {
        Instant later = T0.plus(HOLD.dividedBy(2));
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.11"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE),
                        observed("198.18.0.10", STRANGER, later, InUseStanding.FREE))
                .when(decide(T0.plus(HOLD), discover(ALICE)))
                .expectEvents(offered("198.18.0.11", ALICE, T0.plus(HOLD)));
    }

    @Test
    void aSecondDeviceOnTheSameAddressIsNews() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE))
                .when(seen("198.18.0.10", CAROL.chaddr(), t(1)))
                .expectEvents(observed("198.18.0.10", CAROL.chaddr(), t(1), InUseStanding.FREE))
                .expectResultMessagePayload(InUseOutcome.RECORDED);
    }

    @Test
    void theLeaseHolderSeenOnItsOwnAddressChangesNothing() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(seen("198.18.0.10", BOB.chaddr(), t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.HOLDER);
    }

    /** An RFC 2131 client answers ARP for a moment after its RELEASE: that is no conflict. */
    @Test
    void theClientThatJustReleasedTheAddressIsItsHolder() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), BOB, XID, t(5)))
                .when(seen("198.18.0.10", BOB.chaddr(), t(6)))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.HOLDER);
    }

    /** ...until the address goes to someone else: then the old holder still on it is a conflict. */
    @Test
    void theFormerHolderStillOnAnAddressOfferedToAnotherIsRecorded() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), BOB, XID, t(5)), offered("198.18.0.10", ALICE, t(6)))
                .when(seen("198.18.0.10", BOB.chaddr(), t(7)))
                .expectEvents(observed("198.18.0.10", BOB.chaddr(), t(7), InUseStanding.OFFERED));
    }

    /**
     * A conflict probe through a relay hears only that something answered an ICMP echo for the
     * address just offered: no MAC. The sighting is recorded, and the client's next DISCOVER is
     * offered another address.
     */
    @Test
    void anEchoAnswerForAnOfferedAddressIsRecordedWithoutAMac() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0))
                .when(seen("198.18.0.10", null, t(1)))
                .expectEvents(observed("198.18.0.10", null, t(1), InUseStanding.OFFERED))
                .expectResultMessagePayload(InUseOutcome.RECORDED);
    }

    @Test
    void theClientsNextDiscoverAfterAnEchoAnswerIsOfferedAnotherAddress() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0),
                        observed("198.18.0.10", null, t(1), InUseStanding.OFFERED))
                .when(decide(t(4), discover(ALICE)))
                .expectEvents(offered("198.18.0.11", ALICE, t(4)));
    }

    /** Nobody is known to be the device that answered: not even the client that released the address. */
    @Test
    void anEchoAnswerIsNobodysEvenOnAnAddressItsLastHolderReleased() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), BOB, XID, t(5)))
                .when(seen("198.18.0.10", null, t(6)))
                .expectEvents(observed("198.18.0.10", null, t(6), InUseStanding.FREE));
    }

    @Test
    void anotherEchoAnswerWithinHalfTheHoldIsNotNews() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), observed("198.18.0.10", null, T0, InUseStanding.FREE))
                .when(seen("198.18.0.10", null, t(60)))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.ALREADY_KNOWN);
    }

    @Test
    void aReservedHostSeenOnItsOwnAddressChangesNothing() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        new HostReserved(SUBNET, CAROL.chaddr(), ip("198.18.0.50"), null, T0))
                .when(seen("198.18.0.50", CAROL.chaddr(), t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.HOLDER);
    }

    @Test
    void anAddressTheSubnetNeverGivesOutIsNotRecorded() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(seen("198.18.0.1", STRANGER, T0))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.NOT_ALLOCATABLE);
    }

    @Test
    void anAddressOffTheSubnetIsRefused() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(new ReportAddressInUse(SUBNET, ip("10.0.0.1"), STRANGER, T0))
                .expectException(SubnetCommandRejected.class);
    }

    @Test
    void aZeroHoldTurnsTheRuleOff() {
        fixture.given(defined(SETTINGS.withInUseHold(Duration.ZERO)), dynamic("198.18.0.10-198.18.0.20"))
                .when(seen("198.18.0.10", STRANGER, T0))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.DISABLED);
    }

    @Test
    void anUnmanagedSubnetKeepsNoSightings() {
        fixture.given(defined(SETTINGS.withManaged(false)), dynamic("198.18.0.10-198.18.0.20"))
                .when(seen("198.18.0.10", STRANGER, T0))
                .expectNoEvents()
                .expectResultMessagePayload(InUseOutcome.NOT_SERVED);
    }

    /** Two devices on one address: recorded; the holder keeps its lease (its renewals are granted). */
    @Test
    void aLeasedAddressSeenOnAnotherDeviceIsRecordedAndTheHolderRenews() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW),
                        observed("198.18.0.10", STRANGER, t(10), InUseStanding.LEASED))
                .when(decide(t(300), renew(BOB, "198.18.0.10")))
                .expectResultMessagePayload(List.of(ack("198.18.0.10", GrantKind.RENEWED)));
    }

    @Test
    void aLeasedAddressSeenOnAnotherDeviceIsRecordedAsLeased() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(seen("198.18.0.10", STRANGER, t(10)))
                .expectEvents(observed("198.18.0.10", STRANGER, t(10), InUseStanding.LEASED));
    }

    /** RFC 2131: the server should not grant an address it knows to be in use. SELECTING us gets a NAK. */
    @Test
    void selectingAnOfferedAddressSeenInUseSinceIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0),
                        observed("198.18.0.10", STRANGER, t(1), InUseStanding.OFFERED))
                .when(decide(t(2), select(ALICE, "198.18.0.10")))
                .expectEvents(new RequestRefused(SUBNET, ip("198.18.0.10"), ALICE, XID, t(2), RequestState.SELECTING,
                        NakReason.ADDRESS_IN_USE))
                .expectResultMessagePayload(List.of(new Decision.Nak(NakReason.ADDRESS_IN_USE)));
    }

    @Test
    void initRebootToAReleasedAddressSeenInUseIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), ALICE, XID, t(5)),
                        observed("198.18.0.10", STRANGER, t(6), InUseStanding.FREE))
                .when(decide(t(7), initReboot(ALICE, "198.18.0.10")))
                .expectResultMessagePayload(List.of(new Decision.Nak(NakReason.ADDRESS_IN_USE)));
    }

    @Test
    void aNonAuthoritativeSubnetStaysSilentInsteadOfNaking() {
        fixture.given(defined(SETTINGS.withAuthoritative(false)), dynamic("198.18.0.10-198.18.0.20"),
                        granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), ALICE, XID, t(5)),
                        observed("198.18.0.10", STRANGER, t(6), InUseStanding.FREE))
                .when(decide(t(7), initReboot(ALICE, "198.18.0.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_AUTHORITATIVE)));
    }

    /** The client's last address comes back to it only if nobody else was seen on it. */
    @Test
    void aRememberedAddressSeenInUseIsNotGivenBack() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.15", ALICE, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.15"), ALICE, XID, t(5)),
                        observed("198.18.0.15", STRANGER, t(6), InUseStanding.FREE))
                .when(decide(t(7), discover(ALICE)))
                .expectEvents(offered("198.18.0.10", ALICE, t(7)));
    }

    /** A reservation is the operator's word: the host still gets its address; the conflict is recorded. */
    @Test
    void aReservedAddressSeenOnAnotherDeviceIsRecordedAndStillOfferedToItsHost() {
        var reservation = new HostReserved(SUBNET, CAROL.chaddr(), ip("198.18.0.50"), null, T0);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), reservation)
                .when(seen("198.18.0.50", STRANGER, t(1)))
                .expectEvents(observed("198.18.0.50", STRANGER, t(1), InUseStanding.RESERVED));
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), reservation,
                        observed("198.18.0.50", STRANGER, t(1), InUseStanding.RESERVED))
                .when(decide(t(2), discover(CAROL), select(CAROL, "198.18.0.50")))
                .expectResultMessagePayload(List.of(offer("198.18.0.50"), ack("198.18.0.50", GrantKind.NEW)));
    }

    @Test
    void sightingsSurviveASnapshotAndStaleOnesAreForgotten() {
        Subnet original = new Subnet();
        original.on(defined());
        original.on(dynamic("198.18.0.10-198.18.0.20"));
        original.on(observed("198.18.0.10", STRANGER, T0, InUseStanding.FREE));
        original.on(observed("198.18.0.11", STRANGER, T0.plus(HOLD), InUseStanding.FREE));
        // The second event came when the first's hold had ended: that one is gone.
        assertThat(original.state().addressesSeenInUse(T0.plus(HOLD))).containsExactly(ip("198.18.0.11"));
        assertThat(original.snapshotSize()).isEqualTo(1);

        Serializer serializer = StoreSerializers.snapshots();
        Subnet restored = serializer.deserialize(serializer.serialize(original, byte[].class));
        Instant at = T0.plus(HOLD).plusSeconds(1);
        var expected = new LeaseRules(SUBNET, original.state()).decide(discover(ALICE, "198.18.0.11"), at);
        assertThat(new LeaseRules(SUBNET, restored.state()).decide(discover(ALICE, "198.18.0.11"), at)).isEqualTo(expected);
        assertThat(expected.decision()).isEqualTo(offer("198.18.0.10"));
    }
}
