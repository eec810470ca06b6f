package io.leaseledger.config;

import io.leaseledger.events.subnet.SubnetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The difference between what the log holds (a file applied before) and the file now, as
 * commands. Each row: the file before, the file after, the commands expected (shortened to
 * "Type(key detail)").
 */
class ConfigurationDiffTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    static final String BASE = """
            server: {bind: [127.0.0.1]}
            options: [{code: 42, value: [198.18.0.2]}]
            subnets:
              - cidr: 198.18.0.0/24
                gateway: 198.18.0.1
                dns-servers: [198.18.0.2]
                ranges:
                  - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                  - {start: 198.18.0.2, end: 198.18.0.9, kind: reserved}
                hosts:
                  - {mac: "52:54:00:00:00:01", address: 198.18.0.21, hostname: a}
                  - {mac: "52:54:00:00:00:02", address: 198.18.0.22, hostname: b, options: [{code: 17, text: x}]}
            """;

    static LeaseLedgerConfiguration load(String yaml) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml");
    }

    /** The log after {@code yaml} was applied: the subnets it defines. */
    static List<ConfiguredSubnet> logAfter(String yaml) throws ConfigurationException {
        LeaseLedgerConfiguration c = load(yaml);
        return c.subnets().stream().map(s -> ConfiguredSubnet.desired(s, c.options())).toList();
    }

    static List<String> diff(List<ConfiguredSubnet> before, String after) throws ConfigurationException {
        return ConfigurationDiff.between(before, load(after), AT).stream().map(ConfigurationDiffTest::describe).toList();
    }

    static String describe(SubnetCommand c) {
        return switch (c) {
            case io.leaseledger.events.subnet.DefineSubnet d -> "DefineSubnet(" + d.cidr() + ")";
            case io.leaseledger.events.subnet.ChangeSubnet d -> "ChangeSubnet(lease " + d.settings().leaseTime() + ")";
            case io.leaseledger.events.subnet.RemoveSubnet d -> "RemoveSubnet(" + d.subnetId() + ")";
            case io.leaseledger.events.subnet.AddRange d -> "AddRange(" + d.range() + " " + d.kind() + ")";
            case io.leaseledger.events.subnet.RemoveRange d -> "RemoveRange(" + d.range() + ")";
            case io.leaseledger.events.subnet.ReserveHost d -> "ReserveHost(" + d.mac() + " " + d.address() + " " + d.hostname() + ")";
            case io.leaseledger.events.subnet.UnreserveHost d -> "UnreserveHost(" + d.mac() + ")";
            case io.leaseledger.events.subnet.SetOptionSnippet d -> "SetOptionSnippet(" + d.scope() + " " + d.code()
                    + (d.host() == null ? "" : " " + d.host()) + " " + d.value() + (d.alwaysSend() ? " always" : "") + ")";
            case io.leaseledger.events.subnet.RemoveOptionSnippet d -> "RemoveOptionSnippet(" + d.scope() + " " + d.code() + ")";
            case io.leaseledger.events.subnet.SetPxeSettings d -> "SetPxeSettings(" + pxe(d.pxe()) + ")";
            default -> c.toString();
        };
    }

    /** The keys set, as {@code key=value} in the record's order. */
    static String pxe(io.leaseledger.events.subnet.PxeSettings p) {
        List<String> set = new java.util.ArrayList<>();
        for (var c : p.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(p);
                if (v != null) {
                    set.add(c.getName() + "=" + v);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return String.join(" ", set);
    }

    @Test
    void anEmptyLogGetsTheWholeFile() throws Exception {
        assertThat(diff(List.of(), BASE)).containsExactly(
                "DefineSubnet(198.18.0.0/24)",
                "AddRange(198.18.0.100-198.18.0.199 DYNAMIC)",
                "AddRange(198.18.0.2-198.18.0.9 RESERVED)",
                "ReserveHost(52:54:00:00:00:01 198.18.0.21 a)",
                "ReserveHost(52:54:00:00:00:02 198.18.0.22 b)",
                "SetOptionSnippet(GLOBAL 42 c6:12:00:02)",
                "SetOptionSnippet(SUBNET 3 c6:12:00:01)",
                "SetOptionSnippet(SUBNET 6 c6:12:00:02)",
                "SetOptionSnippet(HOST 17 52:54:00:00:00:02 78)");
    }

    @Test
    void theSameFileTwiceChangesNothing() throws Exception {
        assertThat(diff(logAfter(BASE), BASE)).isEmpty();
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("a longer lease changes the settings only",
                        BASE.replace("gateway: 198.18.0.1", "gateway: 198.18.0.1\n    lease-time: 20m"),
                        List.of("ChangeSubnet(lease 1200s)")),
                Arguments.of("a range left out is removed",
                        BASE.replace("      - {start: 198.18.0.2, end: 198.18.0.9, kind: reserved}\n", ""),
                        List.of("RemoveRange(198.18.0.2-198.18.0.9)")),
                Arguments.of("a range that changes kind is removed, then added",
                        BASE.replace("end: 198.18.0.9, kind: reserved", "end: 198.18.0.9, kind: dynamic"),
                        List.of("RemoveRange(198.18.0.2-198.18.0.9)", "AddRange(198.18.0.2-198.18.0.9 DYNAMIC)")),
                Arguments.of("a resized range is the old one removed and the new one added",
                        BASE.replace("198.18.0.199", "198.18.0.250"),
                        List.of("RemoveRange(198.18.0.100-198.18.0.199)", "AddRange(198.18.0.100-198.18.0.250 DYNAMIC)")),
                Arguments.of("two hosts that swap addresses are both unreserved before either is reserved",
                        BASE.replace("198.18.0.21, hostname: a", "198.18.0.xx, hostname: a")
                                .replace("198.18.0.22, hostname: b", "198.18.0.21, hostname: b")
                                .replace("198.18.0.xx", "198.18.0.22"),
                        List.of("UnreserveHost(52:54:00:00:00:01)", "UnreserveHost(52:54:00:00:00:02)",
                                "ReserveHost(52:54:00:00:00:01 198.18.0.22 a)", "ReserveHost(52:54:00:00:00:02 198.18.0.21 b)")),
                Arguments.of("a new host name re-reserves without unreserving",
                        BASE.replace("hostname: a", "hostname: a2"),
                        List.of("ReserveHost(52:54:00:00:00:01 198.18.0.21 a2)")),
                Arguments.of("a host left out is unreserved and its snippets go with it",
                        BASE.replace("      - {mac: \"52:54:00:00:00:02\", address: 198.18.0.22, hostname: b, options: [{code: 17, text: x}]}\n", ""),
                        List.of("RemoveOptionSnippet(HOST 17)", "UnreserveHost(52:54:00:00:00:02)")),
                Arguments.of("new DNS servers are a new subnet snippet 6",
                        BASE.replace("dns-servers: [198.18.0.2]", "dns-servers: [198.18.0.3]"),
                        List.of("SetOptionSnippet(SUBNET 6 c6:12:00:03)")),
                Arguments.of("a global snippet left out is removed",
                        BASE.replace("options: [{code: 42, value: [198.18.0.2]}]\n", ""),
                        List.of("RemoveOptionSnippet(GLOBAL 42)")),
                Arguments.of("a subnet left out is removed and a new one defined",
                        BASE.replace("198.18.0.", "198.18.1."),
                        List.of("DefineSubnet(198.18.1.0/24)",
                                "AddRange(198.18.1.100-198.18.1.199 DYNAMIC)",
                                "AddRange(198.18.1.2-198.18.1.9 RESERVED)",
                                "ReserveHost(52:54:00:00:00:01 198.18.1.21 a)",
                                "ReserveHost(52:54:00:00:00:02 198.18.1.22 b)",
                                "SetOptionSnippet(GLOBAL 42 c6:12:01:02)",
                                "SetOptionSnippet(SUBNET 3 c6:12:01:01)",
                                "SetOptionSnippet(SUBNET 6 c6:12:01:02)",
                                "SetOptionSnippet(HOST 17 52:54:00:00:00:02 78)",
                                "RemoveSubnet(198.18.0.0/24)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangedFileYieldsOnlyTheDifference(String scenario, String after, List<String> expected) throws Exception {
        assertThat(diff(logAfter(BASE), after)).containsExactlyElementsOf(expected);
    }

    // Three-way: the file as the last start applied it, the log (which the API may have changed), the file now.

    static final String TWO_SUBNETS = BASE + """
              - cidr: 198.18.1.0/24
                ranges:
                  - {start: 198.18.1.100, end: 198.18.1.199, kind: dynamic}
            """;

    static List<String> threeWay(List<ConfiguredSubnet> log, String lastApplied, String now) throws ConfigurationException {
        return ConfigurationDiff.between(log, load(now), java.util.Optional.of(load(lastApplied)), AT).stream()
                .map(ConfigurationDiffTest::describe).toList();
    }

    /** The log after the file, then an API change: a range added to 198.18.1.0/24 and a subnet of its own. */
    static List<ConfiguredSubnet> logChangedThroughTheApi() throws ConfigurationException {
        List<ConfiguredSubnet> log = new java.util.ArrayList<>(logAfter(TWO_SUBNETS));
        ConfiguredSubnet second = log.get(1);
        log.set(1, second.apply(new io.leaseledger.events.subnet.RangeAdded(second.id(),
                io.leaseledger.events.types.AddressRange.parse("198.18.1.10-198.18.1.19"),
                io.leaseledger.events.subnet.RangeKind.RESERVED, AT)));
        log.addAll(logAfter(API_SUBNET));
        return log;
    }

    /** A subnet the API defined, with the global snippets in force (as the API's define gives it). */
    static final String API_SUBNET = """
            server: {bind: [127.0.0.1]}
            options: [{code: 42, value: [198.18.0.2]}]
            subnets:
              - cidr: 198.18.9.0/24
            """;

    @Test
    void aRestartWithTheSameFileKeepsWhatTheApiChanged() throws Exception {
        assertThat(threeWay(logChangedThroughTheApi(), TWO_SUBNETS, TWO_SUBNETS)).isEmpty();
    }

    @Test
    void aSubnetChangedInTheFileIsSetToTheFileTheOthersKeepTheApisChanges() throws Exception {
        String now = TWO_SUBNETS.replace("198.18.1.100, end: 198.18.1.199", "198.18.1.100, end: 198.18.1.149");
        // The API's reserved range in 198.18.1.0/24 goes: the operator's latest word on that subnet is the file.
        assertThat(threeWay(logChangedThroughTheApi(), TWO_SUBNETS, now)).containsExactly(
                "RemoveRange(198.18.1.100-198.18.1.199)",
                "RemoveRange(198.18.1.10-198.18.1.19)",
                "AddRange(198.18.1.100-198.18.1.149 DYNAMIC)");
    }

    @Test
    void aSubnetThatLeftTheFileIsRemovedOneOnlyTheApiDefinedStays() throws Exception {
        assertThat(threeWay(logChangedThroughTheApi(), TWO_SUBNETS, BASE)).containsExactly("RemoveSubnet(198.18.1.0/24)");
    }

    @Test
    void withoutARecordedFileTheFileIsTheOnlyWord() throws Exception {
        assertThat(ConfigurationDiff.between(logChangedThroughTheApi(), load(TWO_SUBNETS), java.util.Optional.empty(), AT)
                .stream().map(ConfigurationDiffTest::describe).toList()).containsExactly(
                "RemoveRange(198.18.1.10-198.18.1.19)",
                "RemoveSubnet(198.18.9.0/24)");
    }

    // Global snippets: a block of their own, carried by every served subnet; the log's latest word per code.

    static List<String> threeWay(List<ConfiguredSubnet> log, java.util.Map<Integer, java.util.Optional<ConfiguredSubnet.Snippet>> globalWord,
            String lastApplied, String now) throws ConfigurationException {
        return ConfigurationDiff.between(log, load(now), java.util.Optional.of(load(lastApplied)), globalWord, AT).stream()
                .map(ConfigurationDiffTest::describe).toList();
    }

    /** The events of a global write through the API on every subnet of {@code log}, and the word they leave. */
    static List<ConfiguredSubnet> everySubnet(List<ConfiguredSubnet> log, io.leaseledger.events.subnet.SubnetEvent... perSubnet) {
        return log.stream().map(s -> {
            ConfiguredSubnet out = s;
            for (var e : perSubnet) {
                out = out.apply(retarget(e, s.id()));
            }
            return out;
        }).toList();
    }

    private static io.leaseledger.events.subnet.SubnetEvent retarget(io.leaseledger.events.subnet.SubnetEvent e,
            io.leaseledger.events.types.SubnetId id) {
        return switch (e) {
            case io.leaseledger.events.subnet.OptionSnippetSet o -> new io.leaseledger.events.subnet.OptionSnippetSet(
                    id, o.scope(), o.host(), o.code(), o.value(), o.alwaysSend(), o.at());
            case io.leaseledger.events.subnet.OptionSnippetRemoved o -> new io.leaseledger.events.subnet.OptionSnippetRemoved(
                    id, o.scope(), o.host(), o.code(), o.at());
            default -> throw new IllegalArgumentException(e.toString());
        };
    }

    static final io.leaseledger.events.types.SubnetId ANY = io.leaseledger.events.types.SubnetId.parse("198.18.0.0/24");
    static final io.leaseledger.events.types.Octets TEXT_X = new io.leaseledger.events.types.Octets(new byte[] {'x'});

    /** Through the API: global 42 removed, global 43 set to "x" (sent unasked), on every subnet. */
    static final io.leaseledger.events.subnet.SubnetEvent[] API_GLOBALS = {
            new io.leaseledger.events.subnet.OptionSnippetRemoved(ANY, io.leaseledger.events.subnet.OptionScope.GLOBAL, null, 42, AT),
            new io.leaseledger.events.subnet.OptionSnippetSet(ANY, io.leaseledger.events.subnet.OptionScope.GLOBAL, null, 43,
                    TEXT_X, true, AT)};
    static final java.util.Map<Integer, java.util.Optional<ConfiguredSubnet.Snippet>> API_WORD = java.util.Map.of(
            42, java.util.Optional.empty(), 43, java.util.Optional.of(new ConfiguredSubnet.Snippet(TEXT_X, true)));

    @Test
    void aSubnetOnlyTheApiDefinedGetsTheGlobalSnippetsInForce() throws Exception {
        // A log from before global snippets reached API subnets: 198.18.9.0/24 has none.
        List<ConfiguredSubnet> log = new java.util.ArrayList<>(logAfter(TWO_SUBNETS));
        log.addAll(logAfter(API_SUBNET.replace("options: [{code: 42, value: [198.18.0.2]}]\n", "")));
        assertThat(threeWay(log, TWO_SUBNETS, TWO_SUBNETS)).containsExactly("SetOptionSnippet(GLOBAL 42 c6:12:00:02)");
    }

    @Test
    void globalSnippetsTheApiChangedSurviveARestartWithTheSameFile() throws Exception {
        List<ConfiguredSubnet> log = everySubnet(logChangedThroughTheApi(), API_GLOBALS);
        assertThat(threeWay(log, API_WORD, TWO_SUBNETS, TWO_SUBNETS)).isEmpty();
        // A subnet the file changes is set to its block, with the global snippets in force (the API's), not the file's.
        String now = TWO_SUBNETS.replace("198.18.1.100, end: 198.18.1.199", "198.18.1.100, end: 198.18.1.149");
        assertThat(threeWay(log, API_WORD, TWO_SUBNETS, now)).containsExactly(
                "RemoveRange(198.18.1.100-198.18.1.199)",
                "RemoveRange(198.18.1.10-198.18.1.19)",
                "AddRange(198.18.1.100-198.18.1.149 DYNAMIC)");
    }

    @Test
    void aChangeOfTheFilesGlobalOptionsReachesEverySubnetAndNothingElse() throws Exception {
        List<ConfiguredSubnet> log = everySubnet(logChangedThroughTheApi(), API_GLOBALS);
        String now = TWO_SUBNETS.replace("options: [{code: 42, value: [198.18.0.2]}]", "options: [{code: 42, value: [198.18.0.3]}]");
        // The file's list is the word now: the API's 43 goes, 42 is set; the API's range and subnet stay.
        assertThat(threeWay(log, API_WORD, TWO_SUBNETS, now)).containsExactly(
                "RemoveOptionSnippet(GLOBAL 43)", "SetOptionSnippet(GLOBAL 42 c6:12:00:03)",
                "RemoveOptionSnippet(GLOBAL 43)", "SetOptionSnippet(GLOBAL 42 c6:12:00:03)",
                "RemoveOptionSnippet(GLOBAL 43)", "SetOptionSnippet(GLOBAL 42 c6:12:00:03)");
    }

    @Test
    void aSubnetAGlobalWriteDidNotReachIsBroughtToTheWordAtTheNextStart() throws Exception {
        List<ConfiguredSubnet> log = new java.util.ArrayList<>(everySubnet(logChangedThroughTheApi(), API_GLOBALS));
        log.set(1, logChangedThroughTheApi().get(1)); // the write failed on 198.18.1.0/24
        assertThat(threeWay(log, API_WORD, TWO_SUBNETS, TWO_SUBNETS)).containsExactly(
                "RemoveOptionSnippet(GLOBAL 42)", "SetOptionSnippet(GLOBAL 43 78 always)");
    }

    @Test
    void theWordInForceIsTheFilesListOverlaidByTheLogOnlyWhileTheListIsUnchanged() throws Exception {
        assertThat(GlobalOptions.inForce(load(TWO_SUBNETS), java.util.Optional.of(load(TWO_SUBNETS)), API_WORD))
                .containsOnlyKeys(43);
        assertThat(GlobalOptions.inForce(load(TWO_SUBNETS), java.util.Optional.empty(), API_WORD)).containsOnlyKeys(42);
        assertThat(GlobalOptions.inForce(load(BASE.replace("{code: 42, value: [198.18.0.2]}", "{code: 44, text: y}")), java.util.Optional.of(load(BASE)),
                API_WORD)).containsOnlyKeys(44);
    }

    // PXE settings: events since 2026-12-02; the global block laid under the subnet's, key by key.

    static final String WITH_PXE = BASE.replace("options: [{code: 42, value: [198.18.0.2]}]\n",
            "options: [{code: 42, value: [198.18.0.2]}]\npxe: {next-server: 198.18.0.5, bios: lpxelinux.0}\n")
            .replace("    gateway: 198.18.0.1\n", "    gateway: 198.18.0.1\n    pxe: {uefi-x64: bootx64.efi}\n");

    @Test
    void theFilesPxeSettingsComeLastMergedWithTheGlobalBlock() throws Exception {
        assertThat(diff(List.of(), WITH_PXE)).last()
                .isEqualTo("SetPxeSettings(nextServer=198.18.0.5 biosBootFile=lpxelinux.0 uefiX64BootFile=bootx64.efi)");
        assertThat(diff(logAfter(WITH_PXE), WITH_PXE)).isEmpty();
    }

    @Test
    void aChangeToTheGlobalOrTheSubnetsPxeBlockSetsTheWholeSettingsAgain() throws Exception {
        assertThat(diff(logAfter(WITH_PXE), WITH_PXE.replace("bios: lpxelinux.0", "bios: pxelinux.0"))).containsExactly(
                "SetPxeSettings(nextServer=198.18.0.5 biosBootFile=pxelinux.0 uefiX64BootFile=bootx64.efi)");
        assertThat(diff(logAfter(WITH_PXE), WITH_PXE.replace("    pxe: {uefi-x64: bootx64.efi}\n", ""))).containsExactly(
                "SetPxeSettings(nextServer=198.18.0.5 biosBootFile=lpxelinux.0)");
        assertThat(diff(logAfter(WITH_PXE), BASE)).containsExactly("SetPxeSettings()");
    }

    @Test
    void aSubnetWithoutPxeNeverSetsAny() throws Exception {
        assertThat(diff(List.of(), BASE)).noneMatch(c -> c.startsWith("SetPxeSettings"));
    }

    /** The log of a store written before PXE settings were events: the same subnets, no PXE said. */
    static List<ConfiguredSubnet> logWithoutPxe(String yaml) throws ConfigurationException {
        return logAfter(yaml).stream().map(s -> new ConfiguredSubnet(s.id(), s.cidr(), s.settings(), s.ranges(),
                s.hosts(), s.snippets(), java.util.Optional.empty(), s.served())).toList();
    }

    @Test
    void anUnchangedFileStillBringsItsPxeIntoALogThatNeverHadAny() throws Exception {
        assertThat(threeWay(logWithoutPxe(WITH_PXE), WITH_PXE, WITH_PXE)).containsExactly(
                "SetPxeSettings(nextServer=198.18.0.5 biosBootFile=lpxelinux.0 uefiX64BootFile=bootx64.efi)");
        assertThat(threeWay(logWithoutPxe(BASE), BASE, BASE)).isEmpty();
    }

    @Test
    void pxeSetThroughTheApiSurvivesARestartWithTheSameFile() throws Exception {
        List<ConfiguredSubnet> log = new java.util.ArrayList<>(logAfter(WITH_PXE));
        log.set(0, log.get(0).apply(new io.leaseledger.events.subnet.PxeSettingsSet(log.get(0).id(),
                io.leaseledger.events.subnet.PxeSettings.NONE, AT)));
        assertThat(threeWay(log, WITH_PXE, WITH_PXE)).isEmpty();
    }

    // Always-send marks: in OptionSnippetSet since 2026-12-02 (absent, null, in older events).

    static final String ALWAYS = BASE.replace("options: [{code: 42, value: [198.18.0.2]}]",
            "options: [{code: 42, value: [198.18.0.2], always-send: true}]");

    @Test
    void anAlwaysSendMarkIsPartOfTheSnippetAndAChangeOfItsOwn() throws Exception {
        assertThat(diff(List.of(), ALWAYS)).contains("SetOptionSnippet(GLOBAL 42 c6:12:00:02 always)");
        assertThat(diff(logAfter(ALWAYS), ALWAYS)).isEmpty();
        assertThat(diff(logAfter(BASE), ALWAYS)).containsExactly("SetOptionSnippet(GLOBAL 42 c6:12:00:02 always)");
        assertThat(diff(logAfter(ALWAYS), BASE)).containsExactly("SetOptionSnippet(GLOBAL 42 c6:12:00:02)");
    }

    /** The log of a store written before the marks were recorded: the same snippets, no mark said. */
    static List<ConfiguredSubnet> logWithoutMarks(String yaml) throws ConfigurationException {
        return logAfter(yaml).stream().map(s -> {
            var snippets = new java.util.LinkedHashMap<SnippetKey, ConfiguredSubnet.Snippet>();
            s.snippets().forEach((k, v) -> snippets.put(k, new ConfiguredSubnet.Snippet(v.value(), null)));
            return new ConfiguredSubnet(s.id(), s.cidr(), s.settings(), s.ranges(), s.hosts(), snippets, s.pxe(),
                    s.served());
        }).toList();
    }

    @Test
    void anUnchangedFileStillMarksWhatALogWithoutMarksHas() throws Exception {
        assertThat(threeWay(logWithoutMarks(ALWAYS), ALWAYS, ALWAYS))
                .containsExactly("SetOptionSnippet(GLOBAL 42 c6:12:00:02 always)");
        assertThat(threeWay(logWithoutMarks(BASE), BASE, BASE)).isEmpty();
        // A log that said "not always" (the API's word since) keeps it.
        List<ConfiguredSubnet> log = new java.util.ArrayList<>(logAfter(ALWAYS));
        var value = log.get(0).snippets().get(SnippetKey.global(42)).value();
        log.set(0, log.get(0).apply(new io.leaseledger.events.subnet.OptionSnippetSet(log.get(0).id(),
                io.leaseledger.events.subnet.OptionScope.GLOBAL, null, 42, value, false, AT)));
        assertThat(threeWay(log, java.util.Map.of(42, java.util.Optional.of(new ConfiguredSubnet.Snippet(value, false))),
                ALWAYS, ALWAYS)).isEmpty();
    }
}
