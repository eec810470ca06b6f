package io.leaseledger.config;

import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.OptionSnippetRemoved;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.PxeSettingsSet;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;
import io.leaseledger.wire.reply.ReplyProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final Cidr CIDR = Cidr.parse("198.18.0.0/24");
    private static final SubnetId ID = SubnetId.of(CIDR);
    private static final MacAddress A = MacAddress.parse("52:54:00:00:00:01");
    private static final MacAddress B = MacAddress.parse("52:54:00:00:00:02");
    private static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");

    private static OptionSnippetSet snippet(OptionScope scope, MacAddress host, int code, String hex) {
        return new OptionSnippetSet(ID, scope, host, code, Octets.parse(hex), false, AT);
    }

    @Test
    void replayingTheEventsOfAFileRebuildsWhatTheFileWants() throws Exception {
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load("""
                server: {bind: [127.0.0.1]}
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    ranges: [{start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}]
                    hosts: [{mac: "52:54:00:00:00:01", address: 198.18.0.21, hostname: a}]
                """);
        SettingsView view = new SettingsView();
        view.replay(List.of(
                new SubnetDefined(ID, CIDR, c.subnets().getFirst().settings(), AT),
                new RangeAdded(ID, AddressRange.of("198.18.0.100", "198.18.0.199"), RangeKind.DYNAMIC, AT),
                new HostReserved(ID, A, Ipv4Address.parse("198.18.0.21"), Hostname.of("a"), AT),
                snippet(OptionScope.SUBNET, null, 3, "c6:12:00:01")));
        assertThat(view.subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
        assertThat(ConfigurationDiff.between(view.subnets(), c, AT)).isEmpty();
    }

    @Test
    void theGlobalSnippetsInForceAreTheLogsLatestWordPerCodeOverTheNotedDefaults() {
        SubnetId other = SubnetId.parse("198.18.1.0/24");
        SettingsView view = new SettingsView();
        view.globalDefaults(java.util.Map.of(44, new ConfiguredSubnet.Snippet(Octets.parse("01"), false),
                45, new ConfiguredSubnet.Snippet(Octets.parse("02"), false)));
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        view.on(snippet(OptionScope.GLOBAL, null, 42, "aa"));
        view.on(new OptionSnippetSet(other, OptionScope.GLOBAL, null, 42, Octets.parse("bb"), true, AT));
        view.on(snippet(OptionScope.GLOBAL, null, 43, "cc"));
        view.on(new OptionSnippetRemoved(other, OptionScope.GLOBAL, null, 43, AT));
        view.on(new OptionSnippetRemoved(ID, OptionScope.GLOBAL, null, 45, AT));
        view.on(snippet(OptionScope.SUBNET, null, 46, "dd")); // not global: no word

        assertThat(view.globalWord()).containsOnlyKeys(42, 43, 45);
        assertThat(view.globalWord().get(43)).isEmpty();
        // 42 as the other subnet's stream said last; 43 and 45 removed last; 44 from the defaults.
        assertThat(view.globalSnippets()).containsOnlyKeys(42, 44);
        assertThat(view.globalSnippets().get(42)).isEqualTo(new ConfiguredSubnet.Snippet(Octets.parse("bb"), true));
    }

    @Test
    void aRemovedSubnetIsGoneAndARemovedSnippetIsNoLongerSent() {
        SettingsView view = new SettingsView();
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        view.on(snippet(OptionScope.SUBNET, null, 42, "c6:12:00:02"));
        view.on(new OptionSnippetRemoved(ID, OptionScope.SUBNET, null, 42, AT));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().options()).isEmpty();
        view.on(new SubnetRemoved(ID, AT));
        assertThat(view.subnets()).isEmpty();
        assertThat(view.profile(ID, A, SERVER)).isEmpty();
    }

    /** The profile of a client without host snippets or reservation is made once and kept until anything it depends on changes. */
    @Test
    void aPlainClientsProfileIsKeptUntilTheSubnetOrTheServerIdentifierChanges() {
        SettingsView view = new SettingsView();
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        view.on(snippet(OptionScope.SUBNET, null, 42, "c6:12:00:02"));
        ReplyProfile first = view.profile(ID, A, SERVER).orElseThrow();
        assertThat(view.profile(ID, B, SERVER).orElseThrow()).isSameAs(first);

        Ipv4Address otherInterface = Ipv4Address.parse("198.18.0.2");
        assertThat(view.profile(ID, B, otherInterface).orElseThrow().serverIdentifier()).isEqualTo(otherInterface);

        view.on(snippet(OptionScope.SUBNET, null, 66, "74:66:74:70"));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().options())
                .extracting(ConfigurationTestSupport::describe).containsExactlyInAnyOrder("42=c6120002", "66=74667470");

        view.on(snippet(OptionScope.HOST, A, 42, "03:03:03:03"));
        view.on(new HostReserved(ID, B, Ipv4Address.parse("198.18.0.22"), Hostname.of("node-b"), AT));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().options())
                .extracting(ConfigurationTestSupport::describe).containsExactlyInAnyOrder("42=03030303", "66=74667470");
        assertThat(view.profile(ID, B, SERVER).orElseThrow().hostname()).contains(Hostname.of("node-b"));
        assertThat(view.profile(ID, MacAddress.parse("52:54:00:00:00:03"), SERVER).orElseThrow().hostname()).isEmpty();
    }

    @Test
    void hostSnippetsWinOverSubnetOnesWhichWinOverGlobalOnes() {
        SettingsView view = new SettingsView();
        view.replay(List.of(
                new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT),
                snippet(OptionScope.GLOBAL, null, 42, "01:01:01:01"),
                snippet(OptionScope.GLOBAL, null, 119, "00"),
                snippet(OptionScope.SUBNET, null, 42, "02:02:02:02"),
                snippet(OptionScope.HOST, A, 42, "03:03:03:03"),
                new HostReserved(ID, A, Ipv4Address.parse("198.18.0.21"), Hostname.of("node-a"), AT)));
        ReplyProfile forA = view.profile(ID, A, SERVER).orElseThrow();
        ReplyProfile forB = view.profile(ID, B, SERVER).orElseThrow();
        assertThat(forA.options()).extracting(ConfigurationTestSupport::describe).containsExactlyInAnyOrder("42=03030303", "119=00");
        assertThat(forB.options()).extracting(ConfigurationTestSupport::describe).containsExactlyInAnyOrder("42=02020202", "119=00");
        assertThat(forA.hostname()).contains(Hostname.of("node-a"));
        assertThat(forB.hostname()).isEmpty();
        assertThat(forA.subnet()).isEqualTo(CIDR);
        assertThat(forA.serverIdentifier()).isEqualTo(SERVER);
    }

    @Test
    void alwaysSendMarksComeFromTheLog() {
        SettingsView view = new SettingsView();
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        view.on(new OptionSnippetSet(ID, OptionScope.SUBNET, null, 224, Octets.parse("01"), true, AT));
        view.on(new OptionSnippetSet(ID, OptionScope.SUBNET, null, 225, Octets.parse("02"), null, AT));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().options())
                .extracting(OptionSnippet::code, OptionSnippet::alwaysSend)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(224, true),
                        org.assertj.core.groups.Tuple.tuple(225, false));
        view.on(new OptionSnippetSet(ID, OptionScope.SUBNET, null, 224, Octets.parse("01"), false, AT));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().options()).noneMatch(OptionSnippet::alwaysSend);
    }

    @Test
    void pxeComesFromTheLogAndReplacesWhatWasThereAsAWhole() {
        SettingsView view = new SettingsView();
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        assertThat(view.profile(ID, A, SERVER).orElseThrow().pxe()).isEqualTo(PxeBoot.NONE);
        assertThat(view.subnet(ID).orElseThrow().pxe()).isEmpty();

        view.on(new PxeSettingsSet(ID, new PxeSettings(Ipv4Address.parse("198.18.0.5"), null, "pxelinux.0", null,
                null, null, null, "http://198.18.0.5/boot.ipxe"), AT));
        PxeBoot pxe = view.profile(ID, A, SERVER).orElseThrow().pxe();
        assertThat(pxe.biosBootFile()).contains("pxelinux.0");
        assertThat(pxe.nextServer()).contains(Ipv4Address.parse("198.18.0.5"));
        assertThat(pxe.ipxeScriptUrl()).contains("http://198.18.0.5/boot.ipxe");

        view.on(new PxeSettingsSet(ID, new PxeSettings(null, null, null, "bootx64.efi", null, null, null, null), AT));
        pxe = view.profile(ID, A, SERVER).orElseThrow().pxe();
        assertThat(pxe.uefiX64BootFile()).contains("bootx64.efi");
        assertThat(pxe.biosBootFile()).isEmpty();
        assertThat(pxe.nextServer()).isEmpty();
    }

    @Test
    void theSubnetOfAnAddressIsFound() {
        SettingsView view = new SettingsView();
        view.on(new SubnetDefined(ID, CIDR, SubnetSettings.defaults(), AT));
        assertThat(view.subnetContaining(Ipv4Address.parse("198.18.0.77"))).map(ConfiguredSubnet::id).contains(ID);
        assertThat(view.subnetContaining(Ipv4Address.parse("198.18.1.77"))).isEmpty();
    }
}
