package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.ImportLease;
import io.leaseledger.events.subnet.ImportOutcome;
import io.leaseledger.events.subnet.InUseStanding;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases another server granted (Kea, ISC dhcpd), taken over when this server replaces it: kept
 * where this subnet would let the client have the address, reported where it would not.
 */
class LeaseImportTest {
    private static final LeaseTime KEA_LEASE = LeaseTime.ofSeconds(4000);
    private static final Instant ENDS = t(3000);

    private AggregateTestFixture<Subnet> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static ImportLease importing(String address, Instant at) {
        return new ImportLease(SUBNET, ip(address), ALICE, KEA_LEASE, ENDS, at);
    }

    private static LeaseGranted imported(String address, Instant at) {
        return new LeaseGranted(SUBNET, ip(address), ALICE, TransactionId.of(0), at, GrantKind.IMPORTED, KEA_LEASE, ENDS);
    }

    @Test
    void aLeaseOnAFreePoolAddressIsTakenOverWithTheOtherServersExpiry() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(importing("198.18.0.15", T0))
                .expectEvents(imported("198.18.0.15", T0))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void theImportedClientRenewsItsAddressAndNobodyElseIsOfferedIt() {
        fixture.given(defined(), dynamic("198.18.0.15-198.18.0.16"), imported("198.18.0.15", T0))
                .when(decide(t(10), renew(ALICE, "198.18.0.15"), discover(BOB)))
                .expectEvents(granted("198.18.0.15", ALICE, t(10), GrantKind.RENEWED), offered("198.18.0.16", BOB, t(10)))
                .expectResultMessagePayload(List.of(ack("198.18.0.15", GrantKind.RENEWED), offer("198.18.0.16")));
    }

    @Test
    void importingTwiceChangesNothing() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), imported("198.18.0.15", T0))
                .when(importing("198.18.0.15", t(5)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.ALREADY_HELD);
    }

    @Test
    void aLeaseThatEndedBeforeTheImportIsNotKept() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(importing("198.18.0.15", ENDS))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.EXPIRED);
    }

    @Test
    void anotherClientsLeaseOrLiveOfferHereWins() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.15", BOB, T0, GrantKind.NEW))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.HELD_BY_ANOTHER);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.15", BOB, T0))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.HELD_BY_ANOTHER);
    }

    @Test
    void anExpiredLeaseOrAStaleOfferOfAnotherClientIsReclaimedFirstInTheSameCommand() {
        Instant later = T0.plusSeconds(LEASE.seconds() + 1);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.15", BOB, T0, GrantKind.NEW))
                .when(importing("198.18.0.15", later))
                .expectEvents(new LeaseExpired(SUBNET, ip("198.18.0.15"), BOB, XID, later, T0.plusSeconds(LEASE.seconds())),
                        imported("198.18.0.15", later))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
        Instant afterHold = T0.plus(SETTINGS.offerHold()).plusSeconds(1);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.15", BOB, T0))
                .when(importing("198.18.0.15", afterHold))
                .expectEvents(new OfferWithdrawn(SUBNET, ip("198.18.0.15"), BOB, XID, afterHold,
                                OfferWithdrawn.Reason.HOLD_EXPIRED),
                        imported("198.18.0.15", afterHold));
    }

    @Test
    void aClientHoldingAnotherAddressHereKeepsThatOne() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.11", ALICE, T0, GrantKind.NEW))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.CLIENT_HOLDS_ANOTHER);
    }

    @Test
    void aLeaseOfTheClientElsewhereThatRanOutDoesNotStandInTheWay() {
        Instant later = T0.plusSeconds(LEASE.seconds() + 1);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.11", ALICE, T0, GrantKind.NEW))
                .when(importing("198.18.0.15", later))
                .expectEvents(imported("198.18.0.15", later))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void theClientsOwnOfferElsewhereIsReplacedByTheImportedLease() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), offered("198.18.0.11", ALICE, T0))
                .when(importing("198.18.0.15", t(1)))
                .expectEvents(imported("198.18.0.15", t(1)))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void aReservationDecides() {
        fixture.given(defined(), reserved("198.18.0.15-198.18.0.15"),
                        new HostReserved(SUBNET, MacAddress.parse("02:00:00:00:00:0b"), ip("198.18.0.15"), null, T0))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.RESERVED_FOR_ANOTHER);
        fixture.given(defined(), new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.40"), null, T0))
                .when(importing("198.18.0.40", t(1)))
                .expectEvents(imported("198.18.0.40", t(1)))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void anAddressThisConfigurationWouldNotGiveOutIsReportedNotLeased() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), reserved("198.18.0.30-198.18.0.40"))
                .when(importing("198.18.0.35", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.OUTSIDE_POOL);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(importing("198.18.0.50", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.OUTSIDE_POOL);
    }

    @Test
    void aDeclinedAddressInProbationOrOneAnotherDeviceUsesIsNotTaken() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        new AddressDeclined(SUBNET, ip("198.18.0.15"), BOB, XID, T0, T0.plus(SETTINGS.probation())))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.UNAVAILABLE);
        MacAddress stranger = MacAddress.parse("02:00:00:00:00:99");
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), new AddressInUseObserved(SUBNET, ip("198.18.0.15"),
                        stranger, T0, InUseStanding.FREE, T0.plus(SETTINGS.inUseHold())))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.UNAVAILABLE);
    }

    @Test
    void anUnmanagedRemovedOrUnknownSubnetLeasesNothing() {
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"),
                        new SubnetChanged(SUBNET, SETTINGS.withManaged(false), T0))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.NOT_SERVED);
        fixture.given(defined(), dynamic("198.18.0.10-198.18.0.20"), new SubnetRemoved(SUBNET, T0))
                .when(importing("198.18.0.15", t(1)))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.NOT_SERVED);
    }
}
