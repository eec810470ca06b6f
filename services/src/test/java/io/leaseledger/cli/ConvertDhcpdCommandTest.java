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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code convert-dhcpd --from dhcpd.conf}: ISC dhcpd's configuration as LeaseLedger's YAML, and
 * what was left out — first on a file as MAAS's rack controller renders it (its template's
 * statements, boot loaders chosen by option 93, a shared network, pools, hosts, notify hooks,
 * OMAPI), which Debian's ISC dhcpd itself accepts ({@code dhcpd -t}).
 */
class ConvertDhcpdCommandTest {
    private static final Path DHCPD = Path.of("/usr/sbin/dhcpd");

    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    private int run(Path conf) {
        return console.run(new ConvertDhcpdCommand(console.out()), "--from", conf.toString());
    }

    static Path maasDhcpdConf(Path dir) throws Exception {
        try (InputStream in = ConvertDhcpdCommandTest.class.getResourceAsStream("/dhcpd/maas-dhcpd.conf")) {
            Path conf = dir.resolve("dhcpd.conf");
            Files.write(conf, in.readAllBytes());
            return conf;
        }
    }

    @Test
    void maassRenderedFileBecomesItsSubnetsPoolsHostsOptionsAndBootLoaders() throws Exception {
        Path conf = maasDhcpdConf(dir);
        if (Files.isExecutable(DHCPD)) {
            // The input is a dhcpd.conf dhcpd itself takes: -t parses it and starts nothing.
            Process check = new ProcessBuilder(DHCPD.toString(), "-t", "-q", "-cf", conf.toString())
                    .redirectErrorStream(true).start();
            assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
        }

        assertThat(run(conf)).as(console.errors()).isZero();

        String yaml = console.output();
        LeaseLedgerConfiguration read = new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "converted");
        assertThat(read.subnets()).extracting(s -> s.cidr().toString()).containsExactly("198.18.0.0/24", "198.18.1.0/24");
        SubnetConfiguration first = read.subnets().get(0);
        assertThat(first.gateway()).hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("198.18.0.1"));
        assertThat(first.dnsServers()).extracting(Object::toString).containsExactly("198.18.0.2", "198.18.0.3");
        assertThat(first.domain()).contains("maas");
        assertThat(first.settings().leaseTime().seconds()).isEqualTo(600);
        assertThat(first.settings().authoritative()).as("dhcpd is not authoritative unless the file says so").isFalse();
        assertThat(first.ranges()).extracting(r -> r.start() + "-" + r.end()).containsExactly("198.18.0.100-198.18.0.199");
        assertThat(first.hosts()).singleElement().satisfies(h -> {
            assertThat(h.mac().toString()).isEqualTo("52:54:00:00:00:07");
            assertThat(h.address().toString()).isEqualTo("198.18.0.57");
        });
        assertThat(first.options()).as("the subnet's snippet").extracting(o -> o.code()).containsExactly(119);
        assertThat(first.pxe().nextServer()).hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo("198.18.0.2"));
        assertThat(first.pxe().biosBootFile()).contains("lpxelinux.0");
        assertThat(first.pxe().uefiX64BootFile()).contains("bootx64.efi");
        assertThat(first.pxe().uefiArm64BootFile()).contains("grubaa64.efi");
        assertThat(first.pxe().httpBootX64Url()).contains("http://198.18.0.2:5248/images/bootx64.efi");
        assertThat(first.pxe().ipxeScriptUrl()).contains("http://198.18.0.2:5248/ipxe.cfg");

        SubnetConfiguration second = read.subnets().get(1);
        assertThat(second.ranges()).extracting(r -> r.start() + "-" + r.end())
                .containsExactly("198.18.1.100-198.18.1.149", "198.18.1.200-198.18.1.209");
        assertThat(second.hosts()).singleElement().satisfies(h -> {
            assertThat(h.address().toString()).isEqualTo("198.18.1.51");
            assertThat(h.hostname()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("bmc-1"));
        });
        assertThat(second.pxe().nextServer()).hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo("198.18.1.2"));
        assertThat(read.options()).as("the global snippet").extracting(o -> o.code()).containsExactly(42);

        assertThat(notes(yaml)).anySatisfy(n -> assertThat(n).contains("INTERFACESv4"))
                .anySatisfy(n -> assertThat(n).contains("option 93 type 14 has no boot file"))
                .anySatisfy(n -> assertThat(n).contains("option path-prefix").contains("not converted"))
                .anySatisfy(n -> assertThat(n).contains("class \"PXE\"").contains("client classes are not converted"))
                .anySatisfy(n -> assertThat(n).contains("ignore-client-uids"))
                .anySatisfy(n -> assertThat(n).contains("on commit").contains("GET /api/v1/events"));
        assertThat(yaml).as("dhcpd's own machinery is not carried over, nor named").doesNotContain("omapi")
                .doesNotContain("subnet-mask").doesNotContain("broadcast-address");
    }

    @Test
    void whatHasNoCounterpartIsNamedWithItsLineAndAFileForEveryArchitectureFillsAllThree() throws Exception {
        Path conf = Files.writeString(dir.resolve("dhcpd.conf"), """
                authoritative;
                default-lease-time 3600;
                filename "pxelinux.0";
                next-server 198.18.4.2;
                failover peer "dhcp-failover" { primary; address 198.18.4.2; peer address 198.18.4.3; }
                group {
                  option routers 198.18.4.1;
                  subnet 198.18.4.0 netmask 255.255.254.0 {
                    not authoritative;
                    range dynamic-bootp 198.18.4.10 198.18.4.20;
                    range 198.18.5.7;
                    if option vendor-class-identifier = "Etherboot" { filename "etherboot.0"; }
                    pool { failover peer "dhcp-failover"; deny unknown-clients; range 198.18.5.100 198.18.5.120; }
                  }
                  host far { hardware ethernet 52:54:00:00:09:09; fixed-address 203.0.113.9; }
                  host named { hardware ethernet 52:54:00:00:09:0a; fixed-address node7.lab.example; }
                }
                subnet 198.18.6.0 netmask 255.255.255.0 {
                  option domain-name-servers 198.18.6.53, ns2.lab.example;
                  option interface-mtu 9000;
                  host jumbo { hardware ethernet 52:54:00:00:09:0b; fixed-address 198.18.6.9; option interface-mtu 9000; }
                }
                """);

        assertThat(run(conf)).as(console.errors()).isZero();

        String yaml = console.output();
        LeaseLedgerConfiguration read = new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "converted");
        SubnetConfiguration grouped = read.subnets().get(0);
        assertThat(grouped.cidr().toString()).isEqualTo("198.18.4.0/23");
        assertThat(grouped.gateway()).as("the group's router").hasValueSatisfying(g -> assertThat(g.toString()).isEqualTo("198.18.4.1"));
        assertThat(grouped.settings().authoritative()).isFalse();
        assertThat(grouped.settings().leaseTime().seconds()).isEqualTo(3600);
        assertThat(grouped.ranges()).extracting(r -> r.start() + "-" + r.end())
                .containsExactly("198.18.4.10-198.18.4.20", "198.18.5.7-198.18.5.7", "198.18.5.100-198.18.5.120");
        assertThat(read.subnets().get(1).settings().authoritative()).as("the global authoritative").isTrue();
        assertThat(grouped.pxe().biosBootFile()).contains("pxelinux.0");
        assertThat(grouped.pxe().uefiX64BootFile()).contains("pxelinux.0");
        assertThat(grouped.pxe().uefiArm64BootFile()).contains("pxelinux.0");

        assertThat(notes(yaml)).anySatisfy(n -> assertThat(n).contains("(line 5): failover peer").contains("ha:"))
                .anySatisfy(n -> assertThat(n).contains("dynamic-bootp"))
                .anySatisfy(n -> assertThat(n).contains("option vendor-class-identifier = \"Etherboot\"")
                        .contains("a condition other than option 93"))
                .anySatisfy(n -> assertThat(n).contains("deny unknown-clients"))
                .anySatisfy(n -> assertThat(n).contains("no subnet declared here holds 203.0.113.9"))
                .anySatisfy(n -> assertThat(n).contains("node7.lab.example").contains("DNS name"))
                .anySatisfy(n -> assertThat(n).contains("option interface-mtu").contains("not in LeaseLedger's option catalogue"))
                .anySatisfy(n -> assertThat(n).contains("ns2.lab.example").contains("DNS servers given by name"));
        assertThat(read.subnets().get(1).dnsServers()).extracting(Object::toString).containsExactly("198.18.6.53");
        assertThat(read.subnets().get(1).hosts()).singleElement().satisfies(h -> assertThat(h.options()).isEmpty());
        assertThat(yaml).as("a host none of whose options converted has no options key").doesNotContain("options: []");
    }

    @Test
    void aFileThatIsNotADhcpdConfExitsTwoNamingTheLine() throws Exception {
        Path unclosed = Files.writeString(dir.resolve("unclosed.conf"), "subnet 198.18.0.0 netmask 255.255.255.0 {\n"
                + "  range 198.18.0.10 198.18.0.20;\n");
        assertThat(run(unclosed)).isEqualTo(2);
        assertThat(console.errors()).contains("unclosed.conf").contains("line 1: a { that is never closed");

        Path yaml = Files.writeString(dir.resolve("rack.yaml"), "subnets: []\n");
        assertThat(run(yaml)).isEqualTo(2);
        assertThat(console.errors()).contains("rack.yaml: not a dhcpd.conf");

        Path globalsOnly = Files.writeString(dir.resolve("globals.conf"), "ddns-update-style none;\ndefault-lease-time 600;\n");
        assertThat(run(globalsOnly)).isEqualTo(2);
        assertThat(console.errors()).contains("globals.conf: no subnet declaration");
    }

    @Test
    void debiansExampleHasNoSubnetAndIsSaidToHaveNone() {
        Path example = Path.of("/etc/dhcp/dhcpd.conf");
        assumeTrue(Files.isReadable(example), "Debian's isc-dhcp-server is not installed (.ci/install-peers installs it)");

        assertThat(run(example)).isEqualTo(2);
        assertThat(console.errors()).contains("no subnet declaration");
    }

    private static List<String> notes(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("#   ")).toList();
    }
}
