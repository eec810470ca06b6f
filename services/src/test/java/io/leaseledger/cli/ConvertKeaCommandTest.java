package io.leaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.SubnetConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert-kea --from kea-dhcp4.conf}: Kea's configuration as LeaseLedger's YAML, and what was left out. */
class ConvertKeaCommandTest {
    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    private int run(Path kea) {
        return console.run(new ConvertKeaCommand(console.out()), "--from", kea.toString());
    }

    @Test
    void subnetsPoolsOptionsLifetimesAndReservationsAreCarriedOverAndTheRestNamed() throws Exception {
        Path kea = Files.writeString(dir.resolve("kea-dhcp4.conf"), """
                // as an operator writes it: comments of both kinds, a trailing comma
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": ["eth1", "eth2/198.18.1.1"]},
                  "lease-database": {"type": "memfile", "lfc-interval": 3600},
                  "valid-lifetime": 600, "max-valid-lifetime": 7200,
                  "option-data": [{"name": "domain-name-servers", "data": "198.18.0.53, 198.18.0.54"},
                                  {"code": 15, "data": "lab.example"},
                                  {"name": "ntp-servers", "data": "198.18.0.123"}],
                  "subnet4": [
                    {"id": 1, "subnet": "198.18.0.0/24",
                     "pools": [{"pool": "198.18.0.100 - 198.18.0.199"}, {"pool": "198.18.0.224/27"}],
                     "option-data": [{"name": "routers", "data": "198.18.0.1"}],
                     "reservations": [{"hw-address": "52:54:00:00:00:01", "ip-address": "198.18.0.50", "hostname": "bmc-1"},
                                      {"client-id": "01:52:54:00:00:00:02", "ip-address": "198.18.0.51"}],
                     "client-class": "pxe", # a class of Kea's
                    }],
                  "shared-networks": [{"name": "rack-2", "valid-lifetime": 1200,
                    "subnet4": [{"subnet": "198.18.1.0/24", "pools": [{"pool": "198.18.1.10 - 198.18.1.20"}],
                                 "option-data": [{"code": 3, "data": "198.18.1.1"}]}]}],
                  "hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_lease_cmds.so"}],
                }}
                """);

        assertThat(run(kea)).isZero();

        String yaml = console.output();
        assertThat(yaml).contains("#   Dhcp4.option-data: option ntp-servers (198.18.0.123): not converted")
                .contains("subnet4[198.18.0.0/24]: reservation").contains("only reservations by hw-address")
                .contains("#   subnet4[198.18.0.0/24].client-class: not converted")
                .contains("#   Dhcp4.hooks-libraries: not converted")
                .doesNotContain("lease-database").doesNotContain("lfc-interval");
        LeaseLedgerConfiguration read = new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "converted");
        assertThat(read.server().interfaces()).containsExactly("eth1", "eth2");
        SubnetConfiguration first = read.subnets().get(0);
        assertThat(first.cidr().toString()).isEqualTo("198.18.0.0/24");
        assertThat(yaml).contains("gateway: 198.18.0.1").contains("domain: lab.example").contains("- 198.18.0.53")
                .contains("start: 198.18.0.224").contains("end: 198.18.0.254")   // a /27 pool without the broadcast
                .contains("lease-time: 600s").contains("max-lease-time: 7200s")
                .contains("mac: 52:54:00:00:00:01").contains("hostname: bmc-1");
        assertThat(first.hosts()).hasSize(1);
        assertThat(read.subnets().get(1).settings().leaseTime().seconds()).as("the shared network's lifetime").isEqualTo(1200);
        assertThat(yaml).contains("gateway: 198.18.1.1");
    }

    @Test
    void debiansOwnExampleConvertsAndWhatLeaseLedgerRefusesInItIsSaid() {
        Path example = Path.of("/etc/kea/kea-dhcp4.conf");
        assumeTrue(Files.isReadable(example), "Debian's kea-dhcp4-server is not installed (.ci/install-peers installs it)");

        int exit = run(example);

        // Debian's example puts its router at the first address of its pool: LeaseLedger refuses a gateway the pool would lease
        assertThat(exit).isEqualTo(2);
        assertThat(console.errors()).contains("gateway").contains("192.0.2.1");
        assertThat(console.output()).contains("cidr: 192.0.2.0/24").contains("mac: 1a:1b:1c:1d:1e:1f")
                .contains("domain: example.org")
                .contains("#   Dhcp4.client-classes: not converted")
                .contains("option domain-search (mydomain.example.com, example.com): not converted");
    }

    @Test
    void aFileThatIsNotKeasExitsTwo() throws Exception {
        Path yaml = Files.writeString(dir.resolve("rack.yaml"), "subnets: []\n");

        assertThat(run(yaml)).isEqualTo(2);

        assertThat(console.errors()).contains("rack.yaml").contains("not Kea's JSON");
    }
}
