package io.leaseledger.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every validation rule: the error names the key path and quotes the value. */
class ConfigurationValidationTest {

    private static final String SERVER = "server: {bind: [127.0.0.1], port: 6767}\n";

    private static ConfigurationException errorsOf(String yaml) {
        return catchThrowableOfType(ConfigurationException.class,
                () -> new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml"));
    }

    private static void assertSingleError(String yaml, String expected) {
        ConfigurationException e = errorsOf(yaml);
        assertThat(e).as("expected an error for:\n" + yaml).isNotNull();
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(expected);
    }

    private static String subnet(String body) {
        return SERVER + "subnets:\n  - cidr: 198.18.0.0/24\n" + body.indent(4);
    }

    @Test
    void backupsAreReadAndTheirScheduleIsCheckedForH2Only() throws Exception {
        StoreConfiguration store = new ConfigurationLoader(FakeHost.INSTANCE).parse(SERVER + """
                store: {path: /var/lib/ll, backup-every: 24h, backups-kept: 14}
                """, "test.yaml").store();
        assertThat(store.backupDirectory()).isEqualTo("/var/lib/ll/backups");
        assertThat(store.backupsKept()).isEqualTo(14);
        assertThat(store.backupEvery()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(StoreConfiguration.DEFAULT.backupEvery()).as("on request only by default").isZero();
        assertSingleError(SERVER + "store: {backup-every: 5m}\n",
                "store.backup-every: 300 s is too often: each backup copies the whole store; at least 10m, or false");
        assertSingleError(SERVER + "store: {kind: postgresql, url: 'jdbc:postgresql://db/ll', backup-every: 1h}\n",
                "store.backup-every: backs up the embedded H2 store only: back PostgreSQL up with its own tools");
        assertSingleError(SERVER + "store: {backups-kept: -1}\n",
                "store.backups-kept: must be a whole number from 0 to 10000, found -1");
    }

    @Test
    void aRangeOutsideItsSubnetNamesTheRangeAndTheSubnet() {
        assertSingleError(subnet("ranges: [{start: 198.18.0.10, end: 198.18.1.20, kind: dynamic}]"),
                "subnets[0].ranges[0]: 198.18.0.10-198.18.1.20 is outside 198.18.0.0/24");
    }

    @Test
    void aReversedRangeOutsideItsSubnetGetsBothErrors() {
        ConfigurationException e = errorsOf(SERVER + """
                subnets:
                  - cidr: 198.18.1.0/24
                  - cidr: 198.18.0.0/24
                    ranges: [{start: 198.18.9.10, end: 198.18.9.1, kind: dynamic}]
                """);
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "subnets[1].ranges[0]: 198.18.9.10-198.18.9.1 is outside 198.18.0.0/24",
                "subnets[1].ranges[0]: 198.18.9.10-198.18.9.1 is reversed: its start is after its end");
    }

    @Test
    void overlappingRangesNameTheEarlierOne() {
        assertSingleError(subnet("""
                ranges:
                  - {start: 198.18.0.10, end: 198.18.0.50, kind: reserved}
                  - {start: 198.18.0.40, end: 198.18.0.90, kind: dynamic}
                """), "subnets[0].ranges[1]: 198.18.0.40-198.18.0.90 overlaps 198.18.0.10-198.18.0.50 at subnets[0].ranges[0]");
    }

    @Test
    void aRangeMayNotHoldTheNetworkOrBroadcastAddress() {
        assertSingleError(subnet("ranges: [{start: 198.18.0.200, end: 198.18.0.255, kind: dynamic}]"),
                "subnets[0].ranges[0]: 198.18.0.200-198.18.0.255 includes the network or broadcast address of 198.18.0.0/24");
    }

    @Test
    void aPoolLargerThanTheAggregateKeepsIsRefused() {
        assertSingleError(SERVER + "subnets: [{cidr: 10.0.0.0/7, ranges: [{start: 10.0.0.1, end: 11.255.255.254, kind: dynamic}]}]",
                "subnets[0].ranges: the dynamic ranges hold 33554430 addresses: at most 16777216 (a /8)");
    }

    @Test
    void moreDnsServersThanOneOptionHoldsAreRefused() {
        String servers = java.util.stream.IntStream.rangeClosed(1, 64).mapToObj(i -> "198.18.0." + i)
                .collect(java.util.stream.Collectors.joining(", "));
        assertSingleError(subnet("dns-servers: [" + servers + "]"),
                "subnets[0].dns-servers: 64 servers do not fit in one option: at most 63");
    }

    @Test
    void aGatewayOutsideTheSubnetIsRefused() {
        assertSingleError(subnet("gateway: 198.18.1.1"), "subnets[0].gateway: 198.18.1.1 is outside 198.18.0.0/24");
    }

    @Test
    void aGatewayInTheDynamicPoolIsRefused() {
        assertSingleError(subnet("gateway: 198.18.0.100\nranges: [{start: 198.18.0.100, end: 198.18.0.110, kind: dynamic}]"),
                "subnets[0].gateway: 198.18.0.100 lies in the dynamic range 198.18.0.100-198.18.0.110 at subnets[0].ranges[0]");
    }

    @Test
    void theSameMacReservedTwiceOnASubnetIsRefused() {
        assertSingleError(subnet("""
                hosts:
                  - {mac: "52:54:00:00:00:01", address: 198.18.0.20}
                  - {mac: "52:54:00:00:00:01", address: 198.18.0.21}
                """), "subnets[0].hosts[1].mac: 52:54:00:00:00:01 is already reserved at subnets[0].hosts[0]");
    }

    @Test
    void theSameAddressReservedForTwoMacsIsRefused() {
        assertSingleError(subnet("""
                hosts:
                  - {mac: "52:54:00:00:00:01", address: 198.18.0.20}
                  - {mac: "52:54:00:00:00:02", address: 198.18.0.20}
                """), "subnets[0].hosts[1].address: 198.18.0.20 is already reserved for 52:54:00:00:00:01 at subnets[0].hosts[0]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dynamic  | dynamic",
            "reserved | reserved",
    })
    void aReservationInsideARangeIsRefused(String kind, String named) {
        assertSingleError(subnet("ranges: [{start: 198.18.0.100, end: 198.18.0.110, kind: " + kind + "}]\n"
                        + "hosts: [{mac: \"52:54:00:00:00:01\", address: 198.18.0.105}]"),
                "subnets[0].hosts[0].address: 198.18.0.105 lies in the " + named
                        + " range 198.18.0.100-198.18.0.110 at subnets[0].ranges[0]: reserve addresses outside every range");
    }

    @Test
    void aReservationOutsideTheSubnetIsRefused() {
        assertSingleError(subnet("hosts: [{mac: \"52:54:00:00:00:01\", address: 198.18.7.1}]"),
                "subnets[0].hosts[0].address: 198.18.7.1 is outside 198.18.0.0/24");
    }

    @Test
    void aReservationOnTheGatewayIsRefused() {
        assertSingleError(subnet("gateway: 198.18.0.1\nhosts: [{mac: \"52:54:00:00:00:01\", address: 198.18.0.1}]"),
                "subnets[0].hosts[0].address: 198.18.0.1 is the subnet's gateway");
    }

    @Test
    void duplicateSubnetsAreRefused() {
        assertSingleError(SERVER + "subnets: [{cidr: 198.18.0.0/24}, {cidr: 198.18.0.0/24}]",
                "subnets[1].cidr: 198.18.0.0/24 is already defined at subnets[0]");
    }

    @Test
    void overlappingSubnetsAreRefused() {
        assertSingleError(SERVER + "subnets: [{cidr: 198.18.0.0/24}, {cidr: 198.18.0.0/16}]",
                "subnets[1].cidr: 198.18.0.0/16 overlaps 198.18.0.0/24 at subnets[0]");
    }

    @Test
    void aCidrWithHostBitsSaysWhichNetworkWasMeant() {
        assertSingleError(SERVER + "subnets: [{cidr: 198.18.0.5/24}]",
                "subnets[0].cidr: '198.18.0.5/24' is not a subnet in CIDR form (198.18.0.0/24)"
                        + " (host bits set in 198.18.0.5/24 (the network is 198.18.0.0/24))");
    }

    @Test
    void aSubnetTooSmallToLeaseIsRefused() {
        assertSingleError(SERVER + "subnets: [{cidr: 198.18.0.0/31}]",
                "subnets[0].cidr: 198.18.0.0/31 has no room for clients: use a prefix of /30 or shorter");
    }

    @Test
    void anInterfaceThatDoesNotExistIsNamedWithTheOnesThatDo() {
        assertSingleError("server: {interfaces: [eth1, eth9]}",
                "server.interfaces[1]: 'eth9' is not a network interface of this machine (it has: eth0, eth1, lo)");
    }

    @Test
    void bindingTheWildcardAddressIsRefused() {
        assertSingleError("server: {bind: [0.0.0.0]}",
                "server.bind[0]: 0.0.0.0 would listen on every interface: name the address or the interface to serve");
    }

    @Test
    void bindingAnAddressThisMachineDoesNotHaveIsRefused() {
        assertSingleError("server: {bind: [198.18.5.5]}", "server.bind[0]: 198.18.5.5 is not an address of this machine");
    }

    @Test
    void aServerThatServesNothingIsRefused() {
        assertSingleError("server: {port: 6767}",
                "server: names no 'interfaces' and no 'bind' address: the server would serve nothing");
    }

    @Test
    void theWarmUpIsABudgetOrFalse() throws Exception {
        ConfigurationLoader loader = new ConfigurationLoader(FakeHost.INSTANCE);
        assertThat(loader.parse(SERVER, "test.yaml").server().warmUp()).isEqualTo(ServerConfiguration.DEFAULT_WARM_UP);
        assertThat(loader.parse("server: {bind: [127.0.0.1], warm-up: 2s}", "test.yaml").server().warmUp())
                .isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(loader.parse("server: {bind: [127.0.0.1], warm-up: false}", "test.yaml").server().warmUp()).isZero();
        assertSingleError("server: {bind: [127.0.0.1], warm-up: true}",
                "server.warm-up: must be a duration such as 5s, or false to turn it off, found true");
        assertSingleError("server: {bind: [127.0.0.1], warm-up: 0}",
                "server.warm-up: 0 is not a usable duration: it must be above zero and below 2^32-1 seconds");
    }

    @Test
    void theWireListenersAreOnUnlessTurnedOff() throws Exception {
        ConfigurationLoader loader = new ConfigurationLoader(FakeHost.INSTANCE);
        ServerConfiguration defaults = loader.parse(SERVER, "test.yaml").server();
        assertThat(defaults.arpListener()).isTrue();
        assertThat(defaults.foreignDhcpListener()).isTrue();
        ServerConfiguration off = loader.parse("server: {bind: [127.0.0.1], arp-listener: false, foreign-dhcp-listener: false}",
                "test.yaml").server();
        assertThat(off.arpListener()).isFalse();
        assertThat(off.foreignDhcpListener()).isFalse();
        assertSingleError("server: {bind: [127.0.0.1], foreign-dhcp-listener: yes please}",
                "server.foreign-dhcp-listener: must be true or false, found 'yes please'");
    }

    @Test
    void theProbeIsAnIntervalOrFalseAndNeedsTheListener() throws Exception {
        ConfigurationLoader loader = new ConfigurationLoader(FakeHost.INSTANCE);
        assertThat(loader.parse(SERVER, "test.yaml").server().foreignDhcpProbe()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(loader.parse("server: {bind: [127.0.0.1], foreign-dhcp-probe: 1m}", "test.yaml").server().foreignDhcpProbe())
                .isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(loader.parse("server: {bind: [127.0.0.1], foreign-dhcp-probe: false}", "test.yaml").server().foreignDhcpProbe())
                .isZero();
        assertSingleError("server: {bind: [127.0.0.1], foreign-dhcp-listener: false, foreign-dhcp-probe: 5m}",
                "server.foreign-dhcp-probe: probes are answered to the foreign DHCP listener, which foreign-dhcp-listener: false"
                        + " turns off: turn the listener on, or the probe off (false)");
    }

    @Test
    void activeMappingIsOffUnlessAnIntervalOfAMinuteOrMoreAndNeedsTheArpListener() throws Exception {
        ConfigurationLoader loader = new ConfigurationLoader(FakeHost.INSTANCE);
        assertThat(loader.parse(SERVER, "test.yaml").server().activeMapping()).isZero();
        assertThat(loader.parse(SERVER, "test.yaml").server().mdnsListener()).isTrue();
        assertThat(loader.parse("server: {bind: [127.0.0.1], mdns-listener: false}", "test.yaml").server().mdnsListener())
                .isFalse();
        assertThat(loader.parse("server: {bind: [127.0.0.1], active-mapping: 3h}", "test.yaml").server().activeMapping())
                .isEqualTo(java.time.Duration.ofHours(3));
        assertThat(loader.parse("server: {bind: [127.0.0.1], active-mapping: false}", "test.yaml").server().activeMapping())
                .isZero();
        assertSingleError("server: {bind: [127.0.0.1], active-mapping: 30s}",
                "server.active-mapping: a scan sends an ARP request to every address of each served subnet: at least "
                        + "1m between scans (MAAS scans every 3h), or false");
        assertSingleError("server: {bind: [127.0.0.1], arp-listener: false, active-mapping: 3h}",
                "server.active-mapping: the hosts answer to the ARP listener, which arp-listener: false turns off: "
                        + "turn the listener on, or active mapping off (false)");
    }

    @Test
    void conflictProbesAreOffUnlessAWaitOf10msTo2sWithTheArpListenerOnServedInterfaces() throws Exception {
        ConfigurationLoader loader = new ConfigurationLoader(FakeHost.INSTANCE);
        assertThat(loader.parse(SERVER, "test.yaml").server().conflictProbe()).isZero();
        assertThat(loader.parse("server: {interfaces: [eth1], conflict-probe: 200ms}", "test.yaml").server().conflictProbe())
                .isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(loader.parse("server: {interfaces: [eth1], conflict-probe: 1s}", "test.yaml").server().conflictProbe())
                .isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(loader.parse("server: {interfaces: [eth1], conflict-probe: false}", "test.yaml").server().conflictProbe())
                .isZero();
        String range = "server.conflict-probe: how long an OFFER waits for an answer to its ARP request or ICMP echo: 10ms to"
                + " 2s (a client sends its DISCOVER again after about 4s), or false";
        assertSingleError("server: {interfaces: [eth1], conflict-probe: 5ms}", range);
        assertSingleError("server: {interfaces: [eth1], conflict-probe: 3s}", range);
        assertSingleError("server: {interfaces: [eth1], conflict-probe: 2xms}",
                "server.conflict-probe: '2xms' is not a duration (write seconds, or a number with s, m, h or d, e.g. 10m or 1h30m)");
        assertSingleError("server: {interfaces: [eth1], arp-listener: true, warm-up: 1500ms}",
                "server.warm-up: '1500ms' is not a whole number of seconds");
        assertSingleError("server: {interfaces: [eth1], arp-listener: false, conflict-probe: 200ms}",
                "server.conflict-probe: on the served interfaces the answers are heard by the ARP listener, which"
                        + " arp-listener: false turns off: turn the listener on, or the probe off (false)");
        // A relay-only node (bind only) probes its relayed subnets by ICMP echo.
        assertThat(loader.parse("server: {bind: [127.0.0.1], conflict-probe: 200ms}", "test.yaml").server().conflictProbe())
                .isEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void unknownKeysFailTheStartWithASuggestion() {
        ConfigurationException e = errorsOf(subnet("lease_time: 10m"));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().getFirst().toString())
                .startsWith("subnets[0].lease_time: unknown key (did you mean 'lease-time'?); known keys here: cidr, gateway");
    }

    @Test
    void badTypesNameTheKeyAndTheValue() {
        assertSingleError(subnet("managed: maybe"), "subnets[0].managed: must be true or false, found 'maybe'");
        assertSingleError(subnet("lease-time: soon"),
                "subnets[0].lease-time: 'soon' is not a duration (write seconds, or a number with s, m, h or d, e.g. 10m or 1h30m)");
        assertSingleError("server: {bind: [127.0.0.1], port: 70000}",
                "server.port: must be a whole number from 1 to 65535, found 70000");
    }

    @Test
    void leaseTimeBoundsMustHold() {
        assertSingleError(subnet("lease-time: 10m\nmax-lease-time: 5m"),
                "subnets[0].lease-time: min-lease-time 60s <= lease-time 600s <= max-lease-time 300s does not hold");
    }

    @Test
    void anUnknownRangeKindIsRefused() {
        assertSingleError(subnet("ranges: [{start: 198.18.0.10, end: 198.18.0.20, kind: static}]"),
                "subnets[0].ranges[0].kind: 'static' is not a range kind (dynamic, reserved-dynamic or reserved)"
                        + " (range kind must be \"dynamic\" (also \"reserved-dynamic\") or \"reserved\", got \"static\")");
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnce() {
        ConfigurationException e = errorsOf("""
                server: {interfaces: [eth9]}
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.1.1
                    ranges: [{start: 198.18.0.10, end: 198.18.0.5, kind: dynamic}]
                  - cidr: 198.18.0.0/23
                    colour: blue
                """);
        assertThat(e.errors()).extracting(ConfigError::path).containsExactly(
                "server.interfaces[0]", "subnets[0].gateway", "subnets[0].ranges[0]", "subnets[1].cidr", "subnets[1].colour");
        assertThat(e.getMessage()).startsWith("5 errors in test.yaml:\n  server.interfaces[0]: 'eth9'");
    }

    @Test
    void aKeyGivenTwiceIsASyntaxError() {
        ConfigurationException e = errorsOf("server: {bind: [127.0.0.1]}\nserver: {port: 1}\n");
        assertThat(e.errors()).singleElement().asString().contains("line 2").contains("Duplicate field 'server'");
    }

    @Test
    void brokenYamlSaysWhere() {
        ConfigurationException e = errorsOf("server: [\n");
        assertThat(e.errors()).singleElement().asString().startsWith("line ");
    }
}
