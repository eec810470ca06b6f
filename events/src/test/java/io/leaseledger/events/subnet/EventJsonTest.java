package io.leaseledger.events.subnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static final SubnetId SUBNET = SubnetId.parse("198.18.0.0/16");
    static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    static final Ipv4Address ADDRESS = Ipv4Address.parse("198.18.3.7");
    static final MacAddress MAC = MacAddress.parse("aa:bb:cc:dd:ee:ff");
    static final TransactionId XID = TransactionId.of(0x1a2b3c4d);
    static final ClientIdentity CLIENT = new ClientIdentity(MAC, ClientId.parse("01:aa:bb:cc:dd:ee:ff"),
            Hostname.of("node-1"), "PXEClient:Arch:00007:UNDI:003016",
            new RelayAgent(Ipv4Address.parse("198.18.0.2"), Octets.ascii("eth0/1"), Octets.ascii("sw1"),
                    Ipv4Address.parse("198.18.0.0")));
    static final ClientIdentity BARE = ClientIdentity.of(MAC);

    /** One of every event, with every optional part both present and absent somewhere. */
    static Stream<SubnetEvent> everyEvent() {
        var lease = LeaseTime.ofSeconds(600);
        return Stream.of(
                new SubnetDefined(SUBNET, Cidr.parse("198.18.0.0/16"), SubnetSettings.defaults(), AT),
                new SubnetChanged(SUBNET, SubnetSettings.defaults().withManaged(false), AT),
                new SubnetRemoved(SUBNET, AT),
                new RangeAdded(SUBNET, AddressRange.parse("198.18.1.1-198.18.1.254"), RangeKind.DYNAMIC, AT),
                new RangeRemoved(SUBNET, AddressRange.parse("198.18.2.1-198.18.2.9"), RangeKind.RESERVED, AT),
                new HostReserved(SUBNET, MAC, ADDRESS, Hostname.of("node-1"), AT),
                new HostReserved(SUBNET, MAC, ADDRESS, null, AT),
                new HostUnreserved(SUBNET, MAC, ADDRESS, AT),
                new OptionSnippetSet(SUBNET, OptionScope.HOST, MAC, 66, Octets.ascii("198.18.0.1"), true, AT),
                new OptionSnippetSet(SUBNET, OptionScope.GLOBAL, null, 15, Octets.ascii("maas"), false, AT),
                new OptionSnippetSet(SUBNET, OptionScope.SUBNET, null, 15, Octets.ascii("maas"), null, AT),
                new OptionSnippetRemoved(SUBNET, OptionScope.SUBNET, null, 15, AT),
                new PxeSettingsSet(SUBNET, new PxeSettings(Ipv4Address.parse("198.18.0.2"), "tftp.lab", "lpxelinux.0",
                        "bootx64.efi", "bootaa64.efi", "http://198.18.0.2/x64.efi", "https://boot.lab/aa64.efi",
                        "tftp://198.18.0.2/boot.ipxe"), AT),
                new PxeSettingsSet(SUBNET, PxeSettings.NONE, AT),
                new PoolExhausted(SUBNET, BARE, XID, 254, AT),
                new AddressInUseObserved(SUBNET, ADDRESS, MAC, AT, InUseStanding.FREE, AT.plusSeconds(3600)),
                new AddressInUseObserved(SUBNET, ADDRESS, null, AT, InUseStanding.OFFERED, AT.plusSeconds(3600)),
                new ForeignDhcpServerObserved(SUBNET, "br0", Ipv4Address.parse("198.18.0.9"), Ipv4Address.parse("198.18.0.9"),
                        MacAddress.parse("02:dd:00:00:00:01"), "DHCPOFFER", MAC, ADDRESS, AT),
                new ForeignDhcpServerObserved(SUBNET, "br0", Ipv4Address.parse("198.18.0.9"), Ipv4Address.parse("198.18.0.254"),
                        null, "DHCPNAK", MAC, null, AT),
                new DeviceSeen(SUBNET, "br0", Ipv4Address.parse("198.18.0.30"), MAC, null, AT),
                new DeviceSeen(SUBNET, "br0", Ipv4Address.parse("198.18.0.30"), MAC, Hostname.of("bmc7"), AT),
                new DiscoveriesCleared(SUBNET, null, null, AT),
                new DiscoveriesCleared(SUBNET, MAC, Ipv4Address.parse("198.18.0.30"), AT),
                new LeaseOffered(SUBNET, ADDRESS, CLIENT, XID, AT, lease, AT.plusSeconds(30)),
                new OfferWithdrawn(SUBNET, ADDRESS, BARE, XID, AT, OfferWithdrawn.Reason.CLIENT_SELECTED_ANOTHER_SERVER),
                new LeaseGranted(SUBNET, ADDRESS, CLIENT, XID, AT, GrantKind.NEW, lease, AT.plusSeconds(600)),
                new LeaseGranted(SUBNET, ADDRESS, CLIENT, XID, AT, GrantKind.RENEWED, LeaseTime.INFINITE, Instant.MAX),
                new RequestRefused(SUBNET, Ipv4Address.ANY, BARE, XID, AT, RequestState.INVALID, NakReason.INVALID_REQUEST),
                new AddressDeclined(SUBNET, ADDRESS, CLIENT, XID, AT, AT.plusSeconds(86400)),
                new LeaseReleased(SUBNET, ADDRESS, CLIENT, XID, AT),
                new LeaseExpired(SUBNET, ADDRESS, CLIENT, XID, AT, AT.minusSeconds(5)),
                new ProbationEnded(SUBNET, ADDRESS, CLIENT, XID, AT));
    }

    static List<ObjectMapper> mappers() {
        // Both ways a store may configure Jackson: numeric timestamps (the default) and ISO text.
        return List.of(new ObjectMapper().registerModule(new JavaTimeModule()),
                new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventSurvivesAJsonRoundTrip(SubnetEvent event) throws Exception {
        for (var mapper : mappers()) {
            String json = mapper.writeValueAsString(event);
            assertThat(mapper.readValue(json, event.getClass())).as(json).isEqualTo(event);
        }
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventIsRevisioned(SubnetEvent event) {
        assertThat(event.getClass().getAnnotation(Revision.class)).isNotNull();
        // Revision 2 of AddressInUseObserved: mac may be null (a device heard only by ICMP echo).
        String expected = event instanceof AddressInUseObserved ? "2" : "1";
        assertThat(event.getClass().getAnnotation(Revision.class).value()).isEqualTo(expected);
    }

    @Test
    void valueTypesAreReadableStringsInJson() throws Exception {
        var mapper = mappers().get(1);
        String json = mapper.writeValueAsString(
                new LeaseGranted(SUBNET, ADDRESS, CLIENT, XID, AT, GrantKind.NEW, LeaseTime.ofSeconds(600),
                        AT.plusSeconds(600)));
        assertThat(json)
                .contains("\"subnetId\":\"198.18.0.0/16\"")
                .contains("\"address\":\"198.18.3.7\"")
                .contains("\"chaddr\":\"aa:bb:cc:dd:ee:ff\"")
                .contains("\"clientId\":\"01:aa:bb:cc:dd:ee:ff\"")
                .contains("\"transactionId\":\"0x1a2b3c4d\"")
                .contains("\"leaseTime\":600")
                .contains("\"at\":\"2026-11-22T08:00:00Z\"")
                .doesNotContain("\"key\"");
        assertThat(mapper.writeValueAsString(BARE)).isEqualTo("{\"chaddr\":\"aa:bb:cc:dd:ee:ff\"}");
    }

    /** Events written before {@code inUseHold} existed read with the default hold, so old logs replay unchanged. */
    @Test
    void settingsWithoutAnInUseHoldReadAsTheDefault() throws Exception {
        String old = "{\"managed\":true,\"authoritative\":true,\"leaseTime\":600,\"minLeaseTime\":60,"
                + "\"maxLeaseTime\":3600,\"offerHold\":\"PT30S\",\"probation\":\"PT24H\"}";
        for (var mapper : mappers()) {
            assertThat(mapper.readValue(old, SubnetSettings.class)).isEqualTo(SubnetSettings.defaults());
        }
        assertThat(SubnetSettings.defaults().inUseHold()).isEqualTo(java.time.Duration.ofHours(1));
    }

    @Test
    void pxeSettingsLeaveUnsetKeysOutAndRefuseWhatNoReplyCouldCarry() throws Exception {
        var mapper = mappers().get(1);
        assertThat(mapper.writeValueAsString(new PxeSettingsSet(SUBNET, PxeSettings.NONE, AT)))
                .isEqualTo("{\"subnetId\":\"198.18.0.0/16\",\"pxe\":{},\"at\":\"2026-11-22T08:00:00Z\"}");
        assertThat(PxeSettings.NONE.isEmpty()).isTrue();
        assertThatThrownBy(
                        () -> new PxeSettings(null, null, "x".repeat(128), null, null, null, null, null))
                .hasMessageContaining("biosBootFile").hasMessageContaining("1 to 127 single-byte characters");
        assertThatThrownBy(
                        () -> new PxeSettings(null, "", null, null, null, null, null, null))
                .hasMessageContaining("serverName");
        assertThatThrownBy(
                        () -> new PxeSettings(null, null, null, null, null, null, null, "ftp://198.18.0.2/boot.ipxe"))
                .hasMessageContaining("ipxeScriptUrl").hasMessageContaining("http, https or tftp");
    }

    @Test
    void clientMessagesSurviveAJsonRoundTripToo() throws Exception {
        var message = ClientMessage.selecting(CLIENT, XID, Ipv4Address.parse("198.18.0.1"),
                Ipv4Address.parse("198.18.0.1"), ADDRESS, Delivery.RELAYED).withRequestedLeaseTime(LeaseTime.ofSeconds(60));
        var mapper = mappers().getFirst();
        assertThat(mapper.readValue(mapper.writeValueAsString(message), ClientMessage.class)).isEqualTo(message);
    }

    @Test
    void everyEventTypeIsCoveredBySamples() {
        var sampled = everyEvent().map(Object::getClass).distinct().toList();
        var permitted = Stream.concat(Arrays.stream(SubnetEvent.class.getPermittedSubclasses()),
                        Arrays.stream(LeaseEvent.class.getPermittedSubclasses()))
                .filter(c -> !c.isInterface()).toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(permitted);
    }
}
