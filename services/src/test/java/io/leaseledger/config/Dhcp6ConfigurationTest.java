package io.leaseledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leaseledger.events.types.Duid;
import io.leaseledger.wire.dhcp6.Dhcp6Link;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code dhcp6:} block: its keys, defaults and the cross-checks that name the key at fault. */
class Dhcp6ConfigurationTest {
    private static final String RACK = """
            server: {bind: [127.0.0.1], port: 6767}
            node: {name: rack-a}
            """;

    private static LeaseLedgerConfiguration parse(String yaml) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml");
    }

    private static List<String> errorsOf(String yaml) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
        assertThat(e).as("expected errors for:\n" + yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutTheBlockThereIsNoDhcpv6() throws Exception {
        assertThat(parse(RACK).dhcp6()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        Dhcp6Configuration dhcp6 = parse(RACK + """
                dhcp6:
                  port: 5547
                  interfaces: [eth1]
                  bind: ['::1']
                  server-duid: '00:03:00:01:02:00:00:00:00:01'
                  links:
                    - prefix: 2001:2:0:1::/64
                      interface: eth1
                      dns-servers: ['2001:2:0:1::53']
                      domain-search: [maas.example]
                      ntp-servers: ['2001:2:0:1::123']
                      information-refresh: 2h
                    - prefix: 2001:2:0:2::/64
                """).dhcp6().orElseThrow();

        assertThat(dhcp6.port()).isEqualTo(5547);
        assertThat(dhcp6.interfaces()).containsExactly("eth1");
        assertThat(dhcp6.bind()).containsExactly(Ipv6Prefix.address("::1"));
        assertThat(dhcp6.serverDuid()).isEqualTo(Duid.parse("00:03:00:01:02:00:00:00:00:01"));
        assertThat(dhcp6.links()).containsExactly(
                new Dhcp6Link(Ipv6Prefix.parse("2001:2:0:1::/64"), Optional.of("eth1"),
                        List.of(Ipv6Prefix.address("2001:2:0:1::53")), List.of("maas.example"),
                        List.of(Ipv6Prefix.address("2001:2:0:1::123")), Optional.of(Duration.ofHours(2))),
                new Dhcp6Link(Ipv6Prefix.parse("2001:2:0:2::/64"), Optional.empty(), List.of(), List.of(), Optional.empty()));
        assertThat(dhcp6.transport().addresses()).singleElement().satisfies(a -> assertThat(a.getPort()).isEqualTo(5547));
    }

    @Test
    void theDefaultServerDuidIsADuidUuidOfTheNodeNameTheSameAtEveryStart() throws Exception {
        String block = "dhcp6: {bind: ['::1'], links: [{prefix: '2001:2::/64'}]}\n";
        Duid first = parse(RACK + block).dhcp6().orElseThrow().serverDuid();

        assertThat(first.type()).isEqualTo(Duid.TYPE_UUID);
        assertThat(parse(RACK + block).dhcp6().orElseThrow().serverDuid()).isEqualTo(first);
        assertThat(parse(RACK.replace("rack-a", "rack-b") + block).dhcp6().orElseThrow().serverDuid()).isNotEqualTo(first);
        assertThat(parse(RACK + block).dhcp6().orElseThrow().port()).isEqualTo(547);
    }

    @Test
    void namesTheKeyOfEachMistake() {
        List<String> errors = errorsOf(RACK + """
                dhcp6:
                  interfaces: [eth0, eth9]
                  bind: ['198.18.0.1', 'ff02::1:2']
                  server-duid: '00:01'
                  links:
                    - prefix: 2001:2:0:1::5/64
                      interface: eth1
                      dns-servers: [nameserver]
                      domain-search: ['bad..name']
                      information-refresh: 1m
                    - prefix: 2001:2::/48
                    - prefix: 2001:2:0:3::/64
                """);

        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.interfaces[1]").contains("eth9"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.interfaces[0]").contains("no link names 'eth0'"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.bind[0]"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.bind[1]"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.server-duid"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[0].prefix").contains("2001:2:0:1::/64"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[0].interface").contains("not in dhcp6.interfaces"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[0].dns-servers[0]"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[0].domain-search[0]"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[0].information-refresh"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("dhcp6.links[2].prefix").contains("overlaps links[1]"));
    }

    @Test
    void needsLinksAndSomethingToServe() {
        assertThat(errorsOf(RACK + "dhcp6: {}\n")).anySatisfy(e -> assertThat(e).contains("dhcp6.links"))
                .anySatisfy(e -> assertThat(e).contains("interfaces").contains("bind"));
    }

    @Test
    void aRegionServesNoDhcpv6() {
        assertThat(errorsOf("""
                node: {name: region, role: region}
                kafka: {bootstrap-servers: 'kafka:9092'}
                dhcp6: {bind: ['::1'], links: [{prefix: '2001:2::/64'}]}
                """)).anySatisfy(e -> assertThat(e).contains("dhcp6").contains("region serves no DHCP"));
    }

    @Test
    void anUnquotedIpv6AddressThatStartsWithTwoColonsIsNamedWithHowToWriteIt() {
        assertThat(errorsOf(RACK + """
                dhcp6:
                  bind: [::1]
                  links: [{prefix: '2001:2::/64'}]
                """)).singleElement().satisfies(e -> assertThat(e).contains("line ")
                .contains("an IPv6 address that starts with '::' must be quoted in YAML: ['::1']"));
        assertThat(errorsOf(RACK + "dhcp6: {bind: ['::1', }\n")).singleElement()
                .satisfies(e -> assertThat(e).doesNotContain("IPv6")).as("another syntax error: no such hint");
    }
}
