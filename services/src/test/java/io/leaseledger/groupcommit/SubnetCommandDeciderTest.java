package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** What an overloaded mailbox sheds first: only a DISCOVER starts new work. */
class SubnetCommandDeciderTest {
    private static final ClientIdentity CLIENT = new ClientIdentity(MacAddress.parse("52:54:00:00:00:01"), null, null, null, null);
    private static final TransactionId XID = TransactionId.of(7);
    private static final Ipv4Address US = Ipv4Address.parse("198.18.0.1");
    private static final Ipv4Address LEASED = Ipv4Address.parse("198.18.0.10");

    private final SubnetCommandDecider decider =
            new SubnetCommandDecider(SubnetId.parse("198.18.0.0/24"), null, Clock.systemUTC());

    @Test
    void aDiscoverStartsNewWork() {
        assertThat(decider.startsNewWork(packet(ClientMessage.discover(CLIENT, XID, US, null, Delivery.BROADCAST)))).isTrue();
    }

    @Test
    void requestsRenewalsDeclinesReleasesAndReclaimsFinishOrFreeWork() {
        assertThat(decider.startsNewWork(packet(ClientMessage.selecting(CLIENT, XID, US, US, LEASED, Delivery.BROADCAST)))).isFalse();
        assertThat(decider.startsNewWork(packet(ClientMessage.extend(CLIENT, XID, US, LEASED, Delivery.UNICAST)))).isFalse();
        assertThat(decider.startsNewWork(packet(ClientMessage.decline(CLIENT, XID, US, LEASED, Delivery.BROADCAST)))).isFalse();
        assertThat(decider.startsNewWork(packet(ClientMessage.release(CLIENT, XID, US, LEASED)))).isFalse();
        assertThat(decider.startsNewWork(new SubnetWork.Reclaim(10))).isFalse();
    }

    private static SubnetWork packet(ClientMessage message) {
        return new SubnetWork.Packet(message);
    }
}
