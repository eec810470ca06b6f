package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.SubnetConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code convert-dnsmasq --from dnsmasq.conf}: dnsmasq's DHCP configuration as LeaseLedger's YAML,
 * and what was left out — on a provisioning lab's file (two networks, a static-only one, tagged and
 * DHCPv6 ranges, reservations in dnsmasq's several forms, boot files per architecture by
 * {@code dhcp-match} tags, its DNS service on) that Debian's dnsmasq itself accepts ({@code --test}).
 */
class ConvertDnsmasqCommandTest {
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    private int run(Path conf) {
        return console.run(new ConvertDnsmasqCommand(console.out()), "--from", conf.toString());
    }

    @Test
    void aLabsFileBecomesItsSubnetsRangesHostsOptionsAndBootFiles() throws Exception {
        Path conf = dir.resolve("dnsmasq.conf");
        try (InputStream in = getClass().getResourceAsStream("/dnsmasq/lab-dnsmasq.conf")) {
            Files.write(conf, in.readAllBytes());
        }
        if (Files.isExecutable(DNSMASQ)) {
            // The input is a file dnsmasq itself takes: --test parses it and starts nothing.
            Process check = new ProcessBuilder(DNSMASQ.toString(), "--test", "-C", conf.toString())
                    .redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
        }

        assertThat(run(conf)).as(console.errors()).isZero();

        String yaml = console.output();
        LeaseLedgerConfiguration read = new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "converted");
        assertThat(read.server().interfaces()).containsExactly("br-prov", "br-bmc");
        assertThat(read.subnets()).extracting(s -> s.cidr().toString())
                .containsExactly("198.18.0.0/24", "198.18.1.0/24", "198.18.2.0/24");

        SubnetConfiguration prov = read.subnets().get(0);
        assertThat(prov.gateway()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("198.18.0.1"));
        assertThat(prov.dnsServers()).extracting(Object::toString).containsExactly("198.18.0.53", "198.18.0.54");
        assertThat(prov.domain()).contains("lab.example");
        assertThat(prov.settings().leaseTime().seconds()).isEqualTo(600);
        assertThat(prov.settings().authoritative()).isTrue();
        assertThat(prov.ranges()).extracting(r -> r.start() + "-" + r.end()).containsExactly("198.18.0.100-198.18.0.199");
        assertThat(prov.hosts()).singleElement().satisfies(h -> {
            assertThat(h.mac().toString()).isEqualTo("52:54:00:00:00:07");
            assertThat(h.address().toString()).isEqualTo("198.18.0.57");
        });
        assertThat(prov.pxe().nextServer()).hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo("198.18.0.2"));
        assertThat(prov.pxe().biosBootFile()).contains("lpxelinux.0");
        assertThat(prov.pxe().uefiX64BootFile()).contains("bootx64.efi");
        assertThat(prov.pxe().uefiArm64BootFile()).contains("grubaa64.efi");
        assertThat(prov.pxe().ipxeScriptUrl()).contains("http://198.18.0.2/boot.ipxe");

        SubnetConfiguration bmc = read.subnets().get(1);
        assertThat(bmc.gateway()).as("the router of dhcp-option=3 inside this subnet")
                .hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("198.18.1.1"));
        assertThat(bmc.domain()).as("domain=DOMAIN,CIDR").contains("bmc.lab.example");
        assertThat(bmc.settings().leaseTime().seconds()).isEqualTo(12 * 3600);
        assertThat(bmc.ranges()).extracting(r -> r.start() + "-" + r.end())
                .containsExactly("198.18.1.100-198.18.1.149", "198.18.1.200-198.18.1.209");
        assertThat(bmc.hosts()).singleElement().satisfies(h -> {
            assertThat(h.address().toString()).isEqualTo("198.18.1.51");
            assertThat(h.hostname()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("bmc-1"));
        });

        SubnetConfiguration fixed = read.subnets().get(2);
        assertThat(fixed.ranges()).as("a static range: reservations only").isEmpty();
        assertThat(fixed.hosts()).singleElement().satisfies(h -> {
            assertThat(h.mac().toString()).isEqualTo("52:54:00:00:02:05");
            assertThat(h.address().toString()).isEqualTo("198.18.2.5");
        });
        assertThat(read.options()).as("the untagged options the catalogue knows").extracting(o -> o.code())
                .containsExactly(42, 119);

        assertThat(notes(yaml))
                .anySatisfy(n -> assertThat(n).contains("server=198.18.0.53").contains("DNS service"))
                .anySatisfy(n -> assertThat(n).contains("tag:bmc,198.18.3.10").contains("tagged clients"))
                .anySatisfy(n -> assertThat(n).contains("::100").contains("DHCPv6"))
                .anySatisfy(n -> assertThat(n).contains("tag:bmc,option:router").contains("tagged"))
                .anySatisfy(n -> assertThat(n).contains("option 252"))
                .anySatisfy(n -> assertThat(n).contains("infinite").contains("lease-time"))
                .anySatisfy(n -> assertThat(n).contains("52:54:00:00:02:06").contains("only the first"))
                .anySatisfy(n -> assertThat(n).contains("id:01:52:54").contains("client id"))
                .anySatisfy(n -> assertThat(n).contains("52:54:00:00:00:66,ignore"))
                .anySatisfy(n -> assertThat(n).contains("52:54:00:00:00:77,spare").contains("no MAC and IPv4 address"))
                .anySatisfy(n -> assertThat(n).contains("enable-tftp").contains("no TFTP"))
                .anySatisfy(n -> assertThat(n).startsWith("#   line ").contains("dhcp-option=option6:dns-server"));
        assertThat(yaml).as("dnsmasq's own settings are not carried over, nor named").doesNotContain("log-dhcp")
                .doesNotContain("dhcp-lease-max").doesNotContain("bind-interfaces");
    }

    @Test
    void withoutANetmaskOrRouterTheNotesSayWhatDnsmasqWouldHaveTakenFromTheHost() throws Exception {
        Path conf = Files.writeString(dir.resolve("dnsmasq.conf"), """
                port=0
                dhcp-range=198.18.9.50,198.18.9.60,45m
                """);

        assertThat(run(conf)).as(console.errors()).isZero();

        String yaml = console.output();
        LeaseLedgerConfiguration read = new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "converted");
        assertThat(read.subnets()).singleElement().satisfies(s -> {
            assertThat(s.cidr().toString()).isEqualTo("198.18.9.0/24");
            assertThat(s.settings().leaseTime().seconds()).isEqualTo(45 * 60);
            assertThat(s.settings().authoritative()).as("dnsmasq is not authoritative unless told").isFalse();
            assertThat(s.gateway()).isEmpty();
        });
        assertThat(notes(yaml)).anySatisfy(n -> assertThat(n).contains("without interface=").contains("server.interfaces"))
                .anySatisfy(n -> assertThat(n).contains("no netmask").contains("/24"))
                .anySatisfy(n -> assertThat(n).contains("its own address as router and DNS server")
                        .contains("gateway and dns-servers"));
    }

    @Test
    void aFileWithoutAnIpv4RangeExitsTwo() throws Exception {
        Path dnsOnly = Files.writeString(dir.resolve("dns.conf"), "server=198.18.0.53\ncache-size=1000\n");
        assertThat(run(dnsOnly)).isEqualTo(2);
        assertThat(console.errors()).contains("dns.conf: no IPv4 dhcp-range");
    }

    private static List<String> notes(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("#   ")).toList();
    }
}
