package io.leaseledger.events.subnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.TransactionId;
import org.junit.jupiter.api.Test;

/** RFC 2131 §4.3.2: the REQUEST's fields say which client state it was sent from. */
class ClientMessageTest {

    static final ClientIdentity CLIENT = ClientIdentity.of(MacAddress.parse("aa:bb:cc:dd:ee:ff"));
    static final TransactionId XID = TransactionId.of(1);
    static final Ipv4Address US = Ipv4Address.parse("198.18.0.1");
    static final Ipv4Address OTHER = Ipv4Address.parse("198.18.0.254");
    static final Ipv4Address ADDRESS = Ipv4Address.parse("198.18.1.10");

    @Test
    void serverIdentifierAndRequestedAddressMeanSelecting() {
        var message = ClientMessage.selecting(CLIENT, XID, US, OTHER, ADDRESS, Delivery.BROADCAST);
        assertThat(message.requestState()).isEqualTo(RequestState.SELECTING);
        assertThat(message.isForAnotherServer()).isTrue();
    }

    @Test
    void requestedAddressWithoutServerIdMeansInitReboot() {
        assertThat(ClientMessage.initReboot(CLIENT, XID, US, ADDRESS, Delivery.BROADCAST).requestState())
                .isEqualTo(RequestState.INIT_REBOOT);
    }

    @Test
    void ciaddrUnicastMeansRenewingAndBroadcastOrRelayedMeansRebinding() {
        assertThat(ClientMessage.extend(CLIENT, XID, US, ADDRESS, Delivery.UNICAST).requestState())
                .isEqualTo(RequestState.RENEWING);
        assertThat(ClientMessage.extend(CLIENT, XID, US, ADDRESS, Delivery.BROADCAST).requestState())
                .isEqualTo(RequestState.REBINDING);
        assertThat(ClientMessage.extend(CLIENT, XID, US, ADDRESS, Delivery.RELAYED).requestState())
                .isEqualTo(RequestState.REBINDING);
    }

    @Test
    void aRequestNamingNothingIsInvalid() {
        var message = new ClientMessage(MessageKind.REQUEST, CLIENT, XID, US, null, null, null, null, Delivery.BROADCAST);
        assertThat(message.ciaddr()).isEqualTo(Ipv4Address.ANY);
        assertThat(message.requestState()).isEqualTo(RequestState.INVALID);
        var selectingWithoutAddress = new ClientMessage(MessageKind.REQUEST, CLIENT, XID, US, US, null, null, null,
                Delivery.BROADCAST);
        assertThat(selectingWithoutAddress.requestState()).isEqualTo(RequestState.INVALID);
    }

    @Test
    void rangeKindsReadMaasNames() {
        assertThat(RangeKind.fromName("reserved-dynamic")).isEqualTo(RangeKind.DYNAMIC);
        assertThat(RangeKind.fromName("Reserved Dynamic")).isEqualTo(RangeKind.DYNAMIC);
        assertThat(RangeKind.fromName("dynamic")).isEqualTo(RangeKind.DYNAMIC);
        assertThat(RangeKind.fromName("reserved")).isEqualTo(RangeKind.RESERVED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RangeKind.fromName("static"))
                .hasMessageContaining("\"static\"");
    }
}
