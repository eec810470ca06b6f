package io.leaseledger.store;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The events of the events module survive the store's serializer, revision included. */
class StoreSerializersTest {
    private static final SubnetId SUBNET = SubnetId.parse("198.18.0.0/16");
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final Ipv4Address ADDRESS = Ipv4Address.parse("198.18.3.7");
    private static final ClientIdentity CLIENT = new ClientIdentity(MacAddress.parse("aa:bb:cc:dd:ee:ff"),
            ClientId.parse("01:aa:bb:cc:dd:ee:ff"), Hostname.of("node-1"), "PXEClient", null);

    static Stream<Object> events() {
        TransactionId xid = TransactionId.of(0x1a2b3c4d);
        return Stream.of(
                new SubnetDefined(SUBNET, Cidr.parse("198.18.0.0/16"), SubnetSettings.defaults(), AT),
                new LeaseOffered(SUBNET, ADDRESS, CLIENT, xid, AT, LeaseTime.ofSeconds(600), AT.plusSeconds(30)),
                new LeaseGranted(SUBNET, ADDRESS, CLIENT, xid, AT, GrantKind.NEW, LeaseTime.ofSeconds(600), AT.plusSeconds(600)),
                new LeaseGranted(SUBNET, ADDRESS, CLIENT, xid, AT, GrantKind.RENEWED, LeaseTime.INFINITE, Instant.MAX),
                new AddressDeclined(SUBNET, ADDRESS, CLIENT, xid, AT, AT.plusSeconds(86_400)));
    }

    @ParameterizedTest
    @MethodSource("events")
    void anEventRoundTripsThroughTheEventSerializer(Object event) {
        Serializer serializer = StoreSerializers.events();
        SerializedObject<byte[]> json = serializer.serialize(event, byte[].class);

        Object back = serializer.deserialize(json);

        assertThat(back).isEqualTo(event);
        assertThat(json.getType().getName()).isEqualTo(event.getClass().getName());
    }
}
