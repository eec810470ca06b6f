package io.leaseledger.subnet;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** The vocabulary of the subnet tests: one /24, a server, a few clients, and event builders. */
final class Given {

    static final Cidr CIDR = Cidr.parse("198.18.0.0/24");
    static final SubnetId SUBNET = SubnetId.of(CIDR);
    static final Ipv4Address US = ip("198.18.0.1");
    static final Ipv4Address OTHER_SERVER = ip("198.18.0.254");
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final SubnetSettings SETTINGS = SubnetSettings.defaults();
    static final LeaseTime LEASE = SETTINGS.leaseTime();

    static final ClientIdentity ALICE = client("02:00:00:00:00:0a");
    static final ClientIdentity BOB = client("02:00:00:00:00:0b");
    static final ClientIdentity CAROL = client("02:00:00:00:00:0c");

    static final TransactionId XID = TransactionId.of(0x1000);

    private Given() {
    }

    static AggregateTestFixture<Subnet> fixture() {
        return new AggregateTestFixture<>(Subnet.class);
    }

    static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    static ClientIdentity client(String mac) {
        return ClientIdentity.of(MacAddress.parse(mac));
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static SubnetDefined defined() {
        return defined(SETTINGS);
    }

    static SubnetDefined defined(SubnetSettings settings) {
        return new SubnetDefined(SUBNET, CIDR, settings, T0);
    }

    static RangeAdded dynamic(String range) {
        return new RangeAdded(SUBNET, AddressRange.parse(range), RangeKind.DYNAMIC, T0);
    }

    static RangeAdded reserved(String range) {
        return new RangeAdded(SUBNET, AddressRange.parse(range), RangeKind.RESERVED, T0);
    }

    static DecideClientMessages decide(Instant at, ClientMessage... messages) {
        return DecideClientMessages.of(SUBNET, at, messages);
    }

    static ClientMessage discover(ClientIdentity client) {
        return ClientMessage.discover(client, XID, US, null, Delivery.BROADCAST);
    }

    static ClientMessage discover(ClientIdentity client, String hint) {
        return ClientMessage.discover(client, XID, US, ip(hint), Delivery.BROADCAST);
    }

    static ClientMessage select(ClientIdentity client, String address) {
        return ClientMessage.selecting(client, XID, US, US, ip(address), Delivery.BROADCAST);
    }

    static ClientMessage selectOther(ClientIdentity client, String address) {
        return ClientMessage.selecting(client, XID, US, OTHER_SERVER, ip(address), Delivery.BROADCAST);
    }

    static ClientMessage initReboot(ClientIdentity client, String address) {
        return ClientMessage.initReboot(client, XID, US, ip(address), Delivery.BROADCAST);
    }

    static ClientMessage renew(ClientIdentity client, String address) {
        return ClientMessage.extend(client, XID, US, ip(address), Delivery.UNICAST);
    }

    static ClientMessage rebind(ClientIdentity client, String address) {
        return ClientMessage.extend(client, XID, US, ip(address), Delivery.BROADCAST);
    }

    static ClientMessage decline(ClientIdentity client, String address) {
        return ClientMessage.decline(client, XID, US, ip(address), Delivery.BROADCAST);
    }

    static ClientMessage release(ClientIdentity client, String address) {
        return ClientMessage.release(client, XID, US, ip(address));
    }

    static LeaseOffered offered(String address, ClientIdentity client, Instant at) {
        return new LeaseOffered(SUBNET, ip(address), client, XID, at, LEASE, at.plus(SETTINGS.offerHold()));
    }

    static LeaseGranted granted(String address, ClientIdentity client, Instant at, GrantKind kind) {
        return new LeaseGranted(SUBNET, ip(address), client, XID, at, kind, LEASE, at.plusSeconds(LEASE.seconds()));
    }

    static Decision.Offer offer(String address) {
        return new Decision.Offer(ip(address), LEASE, LeaseTime.ofSeconds(300), LeaseTime.ofSeconds(525));
    }

    static Decision.Ack ack(String address, GrantKind kind) {
        return new Decision.Ack(ip(address), LEASE, LeaseTime.ofSeconds(300), LeaseTime.ofSeconds(525), kind);
    }
}
