package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;

import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.PartnerEvent;
import io.leaseledger.events.subnet.ReplicatePartnerEvents;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The HA partner's decisions taken into this subnet's log ({@code ReplicatePartnerEvents}): its
 * leases become this node's knowledge, a replay of its stream is passed over by sequence, a stale
 * ending of an address given again since is not applied, and its configuration is its own.
 */
class PartnerReplicationTest {
    private static final String PARTNER = "rack-b";

    private static ReplicatePartnerEvents fromPartner(Instant at, PartnerEvent... events) {
        return new ReplicatePartnerEvents(SUBNET, PARTNER, List.of(events), at);
    }

    private static PartnerEvent seq(long sequence, SubnetEvent event) {
        return new PartnerEvent(sequence, event);
    }

    /** An event as the store holds it once taken from the partner: marked with its origin. */
    private static GenericDomainEventMessage<SubnetEvent> taken(long ownSequence, long partnerSequence, SubnetEvent event) {
        return new GenericDomainEventMessage<>("Subnet", SUBNET.toString(), ownSequence, event,
                PartnerReplication.origin(PARTNER, partnerSequence));
    }

    private static LeaseReleased released(String address, ClientIdentity client, Instant at) {
        return new LeaseReleased(SUBNET, ip(address), client, XID, at);
    }

    @Test
    void thePartnersGrantIsTakenAndItsAddressIsNoLongerFreeHere() {
        LeaseGranted alice = granted("198.18.0.10", ALICE, t(1), GrantKind.NEW);
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"))
                .when(fromPartner(t(2), seq(7, alice)))
                .expectEvents(alice)
                .expectResultMessagePayload(1);
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"))
                .andGiven(List.of(taken(2, 7, alice)))
                .when(decide(t(3), discover(BOB)))
                .expectResultMessagePayload(List.of(offer("198.18.0.11")));
    }

    @Test
    void theClientThePartnerLeasedKeepsItsAddressHere() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"))
                .andGiven(List.of(taken(2, 7, granted("198.18.0.11", ALICE, t(1), GrantKind.NEW))))
                .when(decide(t(60), renew(ALICE, "198.18.0.11")))
                .expectResultMessagePayload(List.of(ack("198.18.0.11", GrantKind.RENEWED)));
    }

    @Test
    void aReplayOfThePartnersStreamIsPassedOverBySequence() {
        LeaseGranted alice = granted("198.18.0.10", ALICE, t(1), GrantKind.NEW);
        LeaseGranted bob = granted("198.18.0.11", BOB, t(2), GrantKind.NEW);
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"))
                .andGiven(List.of(taken(2, 7, alice)))
                .when(fromPartner(t(3), seq(7, alice), seq(8, bob)))
                .expectEvents(bob)
                .expectResultMessagePayload(1);
    }

    @Test
    void theSequenceSurvivesASnapshotlessReplayOfThisLog() {
        LeaseGranted alice = granted("198.18.0.10", ALICE, t(1), GrantKind.NEW);
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"))
                .andGiven(List.of(taken(2, 7, alice), taken(3, 9, released("198.18.0.10", ALICE, t(2)))))
                .when(fromPartner(t(3), seq(8, alice), seq(9, released("198.18.0.10", ALICE, t(2)))))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void aStaleReleaseOfAnAddressGivenAgainHereIsNotApplied() {
        // Alice had .10 from the partner and released it there; meanwhile this node gave .10 to Bob.
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.10"))
                .andGiven(List.of(taken(2, 1, granted("198.18.0.10", ALICE, t(1), GrantKind.NEW))))
                .andGiven(released("198.18.0.10", ALICE, t(10)), granted("198.18.0.10", BOB, t(11), GrantKind.NEW))
                .when(fromPartner(t(12), seq(2, released("198.18.0.10", ALICE, t(5)))))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void theReleaseOfTheLeaseHeldHereIsApplied() {
        LeaseReleased release = released("198.18.0.10", ALICE, t(5));
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.10"))
                .andGiven(List.of(taken(2, 1, granted("198.18.0.10", ALICE, t(1), GrantKind.NEW))))
                .when(fromPartner(t(6), seq(2, release)))
                .expectEvents(release)
                .expectResultMessagePayload(1);
    }

    @Test
    void thePartnersConfigurationIsItsOwn() {
        fixture().given(defined())
                .when(fromPartner(t(1), seq(0, new SubnetChanged(SUBNET, SETTINGS.withManaged(false), t(1)))))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void anEventOfAnotherSubnetIsPassedOver() {
        SubnetId other = SubnetId.of(Cidr.parse("198.19.0.0/24"));
        var elsewhere = new LeaseGranted(other, Given.ip("198.19.0.10"), ALICE, XID, t(1), GrantKind.NEW,
                LEASE, t(1).plusSeconds(LEASE.seconds()));
        fixture().given(defined())
                .when(fromPartner(t(2), seq(3, elsewhere)))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void aRemovedSubnetTakesNothing() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.11"), new SubnetRemoved(SUBNET, t(1)))
                .when(fromPartner(t(2), seq(3, granted("198.18.0.10", ALICE, t(1), GrantKind.NEW))))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }
}
