package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.RangeRemoved;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DHCPREQUEST in each client state of RFC 2131 §4.3.2. */
class RequestStatesTest {

    private AggregateTestFixture<Subnet> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static RequestRefused refused(String address, RequestState state, NakReason reason, java.time.Instant at) {
        return new RequestRefused(SUBNET, ip(address), ALICE, XID, at, state, reason);
    }

    // ---- SELECTING ---------------------------------------------------------------------------

    @Test
    void selectingTheOfferedAddressFromUsIsAcked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0))
                .when(decide(t(2), select(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(2), GrantKind.NEW))
                .expectResultMessagePayload(List.of(ack("198.18.0.10", GrantKind.NEW)));
    }

    @Test
    void selectingAnotherServerWithdrawsOurOfferSilently() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0))
                .when(decide(t(2), selectOther(ALICE, "198.18.0.200")))
                .expectEvents(new OfferWithdrawn(SUBNET, ip("198.18.0.10"), ALICE, XID, t(2),
                        OfferWithdrawn.Reason.CLIENT_SELECTED_ANOTHER_SERVER))
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.SELECTED_ANOTHER_SERVER)));
    }

    @Test
    void aWithdrawnOfferFreesTheAddressForTheNextClient() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.10"), offered("198.18.0.10", ALICE, T0),
                        new OfferWithdrawn(SUBNET, ip("198.18.0.10"), ALICE, XID, t(1),
                                OfferWithdrawn.Reason.CLIENT_SELECTED_ANOTHER_SERVER))
                .when(decide(t(2), discover(BOB)))
                .expectEvents(offered("198.18.0.10", BOB, t(2)));
    }

    @Test
    void selectingAnAddressOfferedToSomeoneElseIsNakedEvenWhenNotAuthoritative() {
        fixture.given(defined(SETTINGS.withAuthoritative(false)), dynamic("198.18.0.10-198.18.0.20"),
                        offered("198.18.0.10", BOB, T0))
                .when(decide(t(2), select(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.SELECTING, NakReason.ADDRESS_UNAVAILABLE, t(2)))
                .expectResultMessagePayload(List.of(new Decision.Nak(NakReason.ADDRESS_UNAVAILABLE)));
    }

    @Test
    void selectingAnAddressOffTheSubnetIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(2), select(ALICE, "10.0.0.5")))
                .expectEvents(refused("10.0.0.5", RequestState.SELECTING, NakReason.ADDRESS_NOT_ON_SUBNET, t(2)));
    }

    @Test
    void selectingAfterTheOfferHoldExpiredIsStillAckedWhileTheAddressIsFree() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0))
                .when(decide(t(120), select(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(120), GrantKind.NEW));
    }

    @Test
    void selectingAnAddressWhoseOfferExpiredAndWentToAnotherClientIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.10", ALICE, T0),
                        new OfferWithdrawn(SUBNET, ip("198.18.0.10"), ALICE, XID, t(40), OfferWithdrawn.Reason.HOLD_EXPIRED),
                        offered("198.18.0.10", BOB, t(40)))
                .when(decide(t(41), select(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.SELECTING, NakReason.ADDRESS_UNAVAILABLE, t(41)));
    }

    @Test
    void aReservedHostSelectingAnotherAddressThanItsReservationIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), null, T0))
                .when(decide(t(1), select(ALICE, "198.18.0.12")))
                .expectEvents(refused("198.18.0.12", RequestState.SELECTING, NakReason.NOT_OFFERED, t(1)));
    }

    // ---- INIT-REBOOT -------------------------------------------------------------------------

    @Test
    void initRebootConfirmingTheClientsOwnLeaseIsAcked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(60), initReboot(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(60), GrantKind.INIT_REBOOT))
                .expectResultMessagePayload(List.of(ack("198.18.0.10", GrantKind.INIT_REBOOT)));
    }

    @Test
    void initRebootOnTheWrongSubnetIsNakedWhenAuthoritative() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), initReboot(ALICE, "192.0.2.10")))
                .expectEvents(refused("192.0.2.10", RequestState.INIT_REBOOT, NakReason.ADDRESS_NOT_ON_SUBNET, t(1)))
                .expectResultMessagePayload(List.of(new Decision.Nak(NakReason.ADDRESS_NOT_ON_SUBNET)));
    }

    @Test
    void initRebootOnTheWrongSubnetIsIgnoredWhenNotAuthoritative() {
        fixture.given(defined(SETTINGS.withAuthoritative(false)), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), initReboot(ALICE, "192.0.2.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_AUTHORITATIVE)));
    }

    @Test
    void initRebootOfAnUnknownClientIsIgnoredWhenNotAuthoritative() {
        fixture.given(defined(SETTINGS.withAuthoritative(false)), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), initReboot(ALICE, "198.18.0.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_AUTHORITATIVE)));
    }

    @Test
    void initRebootOfAnUnknownClientForAFreeAddressIsGrantedWhenAuthoritative() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), initReboot(ALICE, "198.18.0.15")))
                .expectEvents(granted("198.18.0.15", ALICE, t(1), GrantKind.INIT_REBOOT));
    }

    @Test
    void initRebootForAnAddressLeasedToAnotherClientIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.15", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), initReboot(ALICE, "198.18.0.15")))
                .expectEvents(refused("198.18.0.15", RequestState.INIT_REBOOT, NakReason.ADDRESS_UNAVAILABLE, t(1)));
    }

    @Test
    void initRebootForAnotherAddressThanTheClientsLeaseIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(1), initReboot(ALICE, "198.18.0.11")))
                .expectEvents(refused("198.18.0.11", RequestState.INIT_REBOOT, NakReason.ADDRESS_UNAVAILABLE, t(1)));
    }

    @Test
    void initRebootForAReservedRangeAddressIsNakedAsOutsideThePool() {
        fixture.given(defined(), reserved("198.18.0.2-198.18.0.9"), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), initReboot(ALICE, "198.18.0.5")))
                .expectEvents(refused("198.18.0.5", RequestState.INIT_REBOOT, NakReason.ADDRESS_NOT_IN_POOL, t(1)));
    }

    // ---- RENEWING and REBINDING --------------------------------------------------------------

    @Test
    void renewingExtendsTheLeaseFromNow() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(300), renew(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(300), GrantKind.RENEWED))
                .expectResultMessagePayload(List.of(ack("198.18.0.10", GrantKind.RENEWED)));
    }

    @Test
    void rebindingExtendsTheLeaseAsRebound() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .when(decide(t(530), rebind(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(530), GrantKind.REBOUND))
                .expectResultMessagePayload(List.of(ack("198.18.0.10", GrantKind.REBOUND)));
    }

    @Test
    void renewingAnUnknownLeaseIsNakedWhenAuthoritative() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), renew(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.RENEWING, NakReason.NO_SUCH_LEASE, t(1)))
                .expectResultMessagePayload(List.of(new Decision.Nak(NakReason.NO_SUCH_LEASE)));
    }

    @Test
    void renewingAnUnknownLeaseIsIgnoredWhenNotAuthoritative() {
        fixture.given(defined(SETTINGS.withAuthoritative(false)), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), renew(ALICE, "198.18.0.10")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.NOT_AUTHORITATIVE)));
    }

    @Test
    void renewingAnotherClientsLeaseIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", BOB, T0, GrantKind.NEW))
                .when(decide(t(1), renew(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.RENEWING, NakReason.NO_SUCH_LEASE, t(1)));
    }

    @Test
    void renewingALeaseThatExpiredAndWasReclaimedIsGrantedWhileTheAddressIsFree() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new LeaseExpired(SUBNET, ip("198.18.0.10"), ALICE, XID, t(601), t(600)))
                .when(decide(t(700), renew(ALICE, "198.18.0.10")))
                .expectEvents(granted("198.18.0.10", ALICE, t(700), GrantKind.RENEWED));
    }

    @Test
    void renewingAnAddressWhoseRangeWasRemovedIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new RangeRemoved(SUBNET, AddressRange.parse("198.18.0.10-198.18.0.20"), RangeKind.DYNAMIC, t(1)))
                .when(decide(t(300), renew(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.RENEWING, NakReason.ADDRESS_NOT_IN_POOL, t(300)));
    }

    @Test
    void renewingAnAddressNowReservedForAnotherHostIsNaked() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new HostReserved(SUBNET, BOB.chaddr(), ip("198.18.0.10"), null, t(1)))
                .when(decide(t(300), renew(ALICE, "198.18.0.10")))
                .expectEvents(refused("198.18.0.10", RequestState.RENEWING, NakReason.ADDRESS_UNAVAILABLE, t(300)));
    }

    @Test
    void aRequestNamingNoStateIsDroppedAsMalformed() {
        var bare = new io.leaseledger.events.subnet.ClientMessage(io.leaseledger.events.subnet.MessageKind.REQUEST,
                ALICE, XID, US, null, null, Ipv4Address.ANY, null, io.leaseledger.events.subnet.Delivery.BROADCAST);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(t(1), bare))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.MALFORMED)));
    }

    // ---- RELEASE then come back --------------------------------------------------------------

    @Test
    void aReleasingClientThatComesBackGetsTheSameAddress() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.13", ALICE, T0),
                        granted("198.18.0.13", ALICE, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.13"), ALICE, XID, t(10)))
                .when(decide(t(20), discover(ALICE)))
                .expectEvents(offered("198.18.0.13", ALICE, t(20)));
    }

    @Test
    void aReleasedAddressGoesToAStrangerOnlyAfterThePoolWraps() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.12"), offered("198.18.0.10", ALICE, T0),
                        granted("198.18.0.10", ALICE, T0, GrantKind.NEW),
                        new LeaseReleased(SUBNET, ip("198.18.0.10"), ALICE, XID, t(10)))
                .when(decide(t(20), discover(BOB), discover(CAROL), discover(client("02:00:00:00:00:0d"))))
                .expectEvents(offered("198.18.0.11", BOB, t(20)), offered("198.18.0.12", CAROL, t(20)),
                        offered("198.18.0.10", client("02:00:00:00:00:0d"), t(20)));
    }
}
