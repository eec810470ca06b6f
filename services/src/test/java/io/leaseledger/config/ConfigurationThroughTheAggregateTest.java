package io.leaseledger.config;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.subnet.Subnet;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.reply.ReplyAssembler;
import io.leaseledger.wire.reply.ReplyProfile;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff's commands sent to the real {@link Subnet} aggregate, its events replayed into a fresh
 * {@link SettingsView}, as at a restart: the view then agrees with the file, and the same file
 * applied again changes nothing.
 */
@Timeout(60)
class ConfigurationThroughTheAggregateTest {

    private static final String FILE = ConfigurationDiffTest.BASE;

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private Configuration axon;
    private Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(Subnet.class)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    /** Applies {@code yaml} as a start would: rebuild the view from the log, diff, send. Returns what was sent. */
    private List<SubnetCommand> start(String yaml) throws Exception {
        now = now.plusSeconds(60);
        return ConfigurationApplier.apply(replayedView(), ConfigurationDiffTest.load(yaml), axon.commandGateway(), now);
    }

    private SettingsView replayedView() {
        SettingsView view = new SettingsView();
        // The storage engine's own stream ends; the event store's would wait for more events forever.
        storage.readEvents(null, false)
                .map(m -> (SubnetEvent) m.getPayload())
                .forEach(view::on);
        return view;
    }

    @Test
    void aFileAppliedTwiceYieldsEventsOnlyTheFirstTime() throws Exception {
        assertThat(start(FILE)).isNotEmpty();
        assertThat(start(FILE)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(FILE);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }

    @Test
    void aChangedFileIsAppliedAndThenStable() throws Exception {
        start(FILE);
        String changed = FILE.replace("hostname: a}", "hostname: renamed}")
                .replace("kind: reserved}", "kind: dynamic}")
                .replace("dns-servers: [198.18.0.2]", "dns-servers: [198.18.0.3]");
        assertThat(start(changed)).isNotEmpty();
        assertThat(start(changed)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(changed);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }

    @Test
    void aReservedHostHearsItsOwnSnippetOverTheSubnetsAndTheGlobalOnes() throws Exception {
        String file = """
                server: {bind: [127.0.0.1]}
                options: [{code: 42, value: [198.18.0.7]}, {code: 224, hex: "aa", always-send: true}]
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    options: [{code: 42, value: [198.18.0.8]}]
                    ranges: [{start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}]
                    hosts:
                      - {mac: "52:54:00:00:00:01", address: 198.18.0.21, hostname: node-a, options: [{code: 42, value: [198.18.0.9]}]}
                """;
        start(file);
        SettingsView view = replayedView();
        SubnetId subnet = SubnetId.parse("198.18.0.0/24");
        Ipv4Address server = Ipv4Address.parse("198.18.0.1");

        Dhcp4Message reserved = ack(view.profile(subnet, MacAddress.parse("52:54:00:00:00:01"), server).orElseThrow(), "525400000001");
        Dhcp4Message other = ack(view.profile(subnet, MacAddress.parse("52:54:00:00:00:02"), server).orElseThrow(), "525400000002");

        assertThat(reserved.get(OptionCatalog.NTP_SERVERS)).map(Object::toString).contains("[198.18.0.9]");
        assertThat(reserved.get(OptionCatalog.HOST_NAME)).contains("node-a");
        assertThat(other.get(OptionCatalog.NTP_SERVERS)).map(Object::toString).contains("[198.18.0.8]");
        assertThat(other.has(OptionCatalog.HOST_NAME)).isFalse();
        assertThat(other.get(OptionCatalog.ROUTERS)).map(Object::toString).contains("[198.18.0.1]");
        assertThat(other.option(io.leaseledger.wire.dhcp4.OptionCode.valueOf(224))).hasValueSatisfying(v -> assertThat(v).containsExactly(0xaa));
    }

    @Test
    void pxeSettingsAreEventsAReplayedViewAnswersWith() throws Exception {
        String file = ConfigurationDiffTest.WITH_PXE;
        assertThat(start(file)).isNotEmpty();
        SubnetId subnet = SubnetId.parse("198.18.0.0/24");
        var pxe = replayedView().profile(subnet, MacAddress.parse("52:54:00:00:00:05"), Ipv4Address.parse("198.18.0.1"))
                .orElseThrow().pxe();
        assertThat(pxe.nextServer()).contains(Ipv4Address.parse("198.18.0.5"));
        assertThat(pxe.biosBootFile()).contains("lpxelinux.0");
        assertThat(pxe.uefiX64BootFile()).contains("bootx64.efi");
        assertThat(start(file)).isEmpty();

        start(file.replace("    pxe: {uefi-x64: bootx64.efi}\n", ""));
        pxe = replayedView().profile(subnet, MacAddress.parse("52:54:00:00:00:05"), Ipv4Address.parse("198.18.0.1"))
                .orElseThrow().pxe();
        assertThat(pxe.uefiX64BootFile()).isEmpty();
        assertThat(pxe.biosBootFile()).contains("lpxelinux.0");
    }

    /** The ACK a client with {@code mac} asking for NTP servers and its host name decodes. */
    private static Dhcp4Message ack(ReplyProfile profile, String mac) {
        Dhcp4Message request = Dhcp4Message.builder().xid(7).ethernet(HexFormat.of().parseHex(mac))
                .messageType(MessageType.REQUEST)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(OptionCode.valueOf(42), OptionCode.valueOf(12))).build();
        Decision ack = new Decision.Ack(Ipv4Address.parse("198.18.0.100"), LeaseTime.ofSeconds(600), LeaseTime.ofSeconds(300),
                LeaseTime.ofSeconds(525), GrantKind.NEW);
        return Dhcp4Decoder.decode(Dhcp4Encoder.encode(ReplyAssembler.reply(request, ack, profile).orElseThrow()));
    }

    @Test
    void aCommandTheAggregateRefusesFailsTheStartNamingTheSubnet() throws Exception {
        org.axonframework.commandhandling.gateway.CommandGateway nobody =
                org.axonframework.commandhandling.gateway.DefaultCommandGateway.builder()
                        .commandBus(org.axonframework.commandhandling.SimpleCommandBus.builder().build()).build();
        ConfigurationException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigurationException.class,
                () -> ConfigurationApplier.apply(new SettingsView(), ConfigurationDiffTest.load(FILE), nobody, now));
        assertThat(e.errors()).singleElement().asString().startsWith("subnets[0]: DefineSubnet was refused: ");
    }

    @Test
    void aSubnetRemovedAndDefinedAgainComesBackAsTheFileSays() throws Exception {
        start(FILE);
        start("server: {bind: [127.0.0.1]}\n");
        assertThat(replayedView().subnets()).isEmpty();
        String smaller = FILE.replace("      - {start: 198.18.0.2, end: 198.18.0.9, kind: reserved}\n", "");
        start(smaller);
        assertThat(start(smaller)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(smaller);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }
}
