package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ChangeSubnet;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.HostUnreserved;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.OptionSnippetRemoved;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RangeRemoved;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.RemoveRange;
import io.leaseledger.events.subnet.RemoveSubnet;
import io.leaseledger.events.subnet.ReserveHost;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.PxeSettingsSet;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SetPxeSettings;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.UnreserveHost;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Octets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration arrives as commands; re-applying the same configuration changes nothing. */
class SubnetConfigurationTest {

    private static final AddressRange POOL = AddressRange.parse("198.18.0.10-198.18.0.20");

    @Test
    void definingANewSubnetDefinesIt() {
        fixture().givenNoPriorActivity()
                .when(DefineSubnet.of(CIDR, SETTINGS, T0))
                .expectEvents(defined());
    }

    @Test
    void definingItAgainWithTheSameSettingsChangesNothing() {
        fixture().given(defined())
                .when(DefineSubnet.of(CIDR, SETTINGS, t(1)))
                .expectNoEvents();
    }

    @Test
    void definingItAgainWithOtherSettingsChangesThem() {
        var unmanaged = SETTINGS.withManaged(false);
        fixture().given(defined())
                .when(DefineSubnet.of(CIDR, unmanaged, t(1)))
                .expectEvents(new SubnetChanged(SUBNET, unmanaged, t(1)));
    }

    @Test
    void changeSubnetIsANoOpWhenNothingChanged() {
        fixture().given(defined()).when(new ChangeSubnet(SUBNET, SETTINGS, t(1))).expectNoEvents();
    }

    @Test
    void aRemovedSubnetAnswersNothingAndCanBeDefinedAgain() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"), new SubnetRemoved(SUBNET, t(1)))
                .when(decide(t(2), discover(ALICE)))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(new Decision.Silent(SilentReason.SUBNET_NOT_SERVED)));
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(DefineSubnet.of(CIDR, SETTINGS, t(2)))
                .expectEvents(new io.leaseledger.events.subnet.SubnetDefined(SUBNET, CIDR, SETTINGS, t(2)));
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(new RemoveSubnet(SUBNET, t(2)))
                .expectNoEvents();
    }

    @Test
    void aRangeIsAddedOnceAndReAddingItIsANoOp() {
        fixture().given(defined())
                .when(new AddRange(SUBNET, POOL, RangeKind.DYNAMIC, t(1)))
                .expectEvents(new io.leaseledger.events.subnet.RangeAdded(SUBNET, POOL, RangeKind.DYNAMIC, t(1)));
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(new AddRange(SUBNET, POOL, RangeKind.DYNAMIC, t(1)))
                .expectNoEvents();
    }

    @Test
    void aRangeOutsideTheSubnetsHostsIsRejected() {
        fixture().given(defined())
                .when(new AddRange(SUBNET, AddressRange.parse("198.18.0.200-198.18.1.5"), RangeKind.DYNAMIC, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.INVALID))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("198.18.0.200-198.18.1.5"));
        fixture().given(defined())
                .when(new AddRange(SUBNET, AddressRange.parse("198.18.0.0-198.18.0.5"), RangeKind.RESERVED, t(1)))
                .expectException(SubnetCommandRejected.class);
    }

    @Test
    void overlappingRangesAreRejectedNamingBoth() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(new AddRange(SUBNET, AddressRange.parse("198.18.0.20-198.18.0.30"), RangeKind.RESERVED, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.CONFLICT))
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("198.18.0.20-198.18.0.30"),
                        org.hamcrest.Matchers.containsString("198.18.0.10-198.18.0.20")));
    }

    @Test
    void aReservedRangeCannotCoverAHostReservation() {
        fixture().given(defined(), new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), null, T0))
                .when(new AddRange(SUBNET, AddressRange.parse("198.18.0.2-198.18.0.9"), RangeKind.RESERVED, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.CONFLICT));
    }

    @Test
    void removingARangeRecordsItsKindAndRemovingAnAbsentOneIsANoOp() {
        fixture().given(defined(), reserved("198.18.0.2-198.18.0.9"))
                .when(new RemoveRange(SUBNET, AddressRange.parse("198.18.0.2-198.18.0.9"), t(1)))
                .expectEvents(new RangeRemoved(SUBNET, AddressRange.parse("198.18.0.2-198.18.0.9"), RangeKind.RESERVED, t(1)));
        fixture().given(defined())
                .when(new RemoveRange(SUBNET, POOL, t(1)))
                .expectNoEvents();
    }

    @Test
    void aHostIsReservedAndReReservingItUnchangedIsANoOp() {
        var hostname = Hostname.of("node-1");
        fixture().given(defined())
                .when(new ReserveHost(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), hostname, t(1)))
                .expectEvents(new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), hostname, t(1)));
        fixture().given(defined(), new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), hostname, T0))
                .when(new ReserveHost(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), hostname, t(1)))
                .expectNoEvents();
    }

    @Test
    void movingAReservationFreesTheOldAddress() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.10"),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), null, T0),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), null, t(1)))
                .when(decide(t(2), discover(BOB)))
                .expectEvents(offered("198.18.0.10", BOB, t(2)));
    }

    @Test
    void reservationsThatCollideOrLieOutsideAreRejected() {
        fixture().given(defined(), new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.5"), null, T0))
                .when(new ReserveHost(SUBNET, BOB.chaddr(), ip("198.18.0.5"), null, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.CONFLICT))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(ALICE.chaddr().toString()));
        fixture().given(defined())
                .when(new ReserveHost(SUBNET, BOB.chaddr(), ip("198.18.0.255"), null, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.INVALID));
        fixture().given(defined(), reserved("198.18.0.2-198.18.0.9"))
                .when(new ReserveHost(SUBNET, BOB.chaddr(), ip("198.18.0.3"), null, t(1)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.INVALID))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("reserved range"));
    }

    @Test
    void unreservingFreesTheAddressForOthers() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.10"),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), null, T0))
                .when(new UnreserveHost(SUBNET, ALICE.chaddr(), t(1)))
                .expectEvents(new HostUnreserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), t(1)));
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.10"),
                        new HostReserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), null, T0),
                        new HostUnreserved(SUBNET, ALICE.chaddr(), ip("198.18.0.10"), t(1)))
                .when(decide(t(2), discover(BOB)))
                .expectEvents(offered("198.18.0.10", BOB, t(2)));
    }

    @Test
    void optionSnippetsAreSetChangedAndRemovedOnlyWhenTheyDiffer() {
        var value = Octets.ascii("maas");
        fixture().given(defined())
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)))
                .expectEvents(new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)));
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, false, T0))
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)))
                .expectNoEvents();
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.HOST, ALICE.chaddr(), 67, value, false, T0))
                .when(new RemoveOptionSnippet(SUBNET, OptionScope.HOST, ALICE.chaddr(), 67, t(1)))
                .expectEvents(new OptionSnippetRemoved(SUBNET, OptionScope.HOST, ALICE.chaddr(), 67, t(1)));
        fixture().given(defined())
                .when(new RemoveOptionSnippet(SUBNET, OptionScope.GLOBAL, null, 6, t(1)))
                .expectNoEvents();
    }

    @Test
    void anAlwaysSendMarkIsAChangeOfItsOwn() {
        var value = Octets.ascii("maas");
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, false, T0))
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, true, t(1)))
                .expectEvents(new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, true, t(1)));
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, true, T0))
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)))
                .expectEvents(new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)));
        // An event from before the mark was recorded: not sent unasked, so "false" changes nothing.
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, null, T0))
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(1)))
                .expectNoEvents();
        // Removed and set again: the mark went with the snippet.
        fixture().given(defined(), new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, true, T0),
                        new OptionSnippetRemoved(SUBNET, OptionScope.SUBNET, null, 15, t(1)))
                .when(new SetOptionSnippet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(2)))
                .expectEvents(new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, value, false, t(2)));
    }

    @Test
    void pxeSettingsAreSetAsAWholeAndOnlyWhenTheyChange() {
        PxeSettings bios = new PxeSettings(null, null, "lpxelinux.0", null, null, null, null, null);
        PxeSettings uefi = new PxeSettings(null, null, null, "bootx64.efi", null, null, null, null);
        fixture().given(defined())
                .when(new SetPxeSettings(SUBNET, bios, t(1)))
                .expectEvents(new PxeSettingsSet(SUBNET, bios, t(1)));
        fixture().given(defined(), new PxeSettingsSet(SUBNET, bios, T0))
                .when(new SetPxeSettings(SUBNET, bios, t(1)))
                .expectNoEvents();
        fixture().given(defined(), new PxeSettingsSet(SUBNET, bios, T0))
                .when(new SetPxeSettings(SUBNET, uefi, t(1)))
                .expectEvents(new PxeSettingsSet(SUBNET, uefi, t(1)));
        fixture().given(defined())
                .when(new SetPxeSettings(SUBNET, PxeSettings.NONE, t(1)))
                .expectNoEvents();
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(new SetPxeSettings(SUBNET, bios, t(2)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.REMOVED));
    }

    @Test
    void configuringARemovedSubnetIsRejected() {
        fixture().given(defined(), new SubnetRemoved(SUBNET, t(1)))
                .when(new AddRange(SUBNET, POOL, RangeKind.DYNAMIC, t(2)))
                .expectException(rejectedFor(SubnetCommandRejected.Reason.REMOVED));
    }

    /** The refusal's type and its reason (the HTTP API picks 409 or 422 by it). */
    private static org.hamcrest.Matcher<Object> rejectedFor(SubnetCommandRejected.Reason reason) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof SubnetCommandRejected rejected && rejected.reason() == reason;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("SubnetCommandRejected for " + reason);
            }
        };
    }
}
