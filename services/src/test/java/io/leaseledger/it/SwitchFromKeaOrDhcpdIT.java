package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.Dhclient;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.config.DhcpdConfigurationConverter;
import io.leaseledger.config.DnsmasqConfigurationConverter;
import io.leaseledger.config.KeaConfigurationConverter;
import io.leaseledger.it.harness.ReplacedServer;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operator replaces Kea, ISC dhcpd or dnsmasq by LeaseLedger on the same link and address: the real
 * server leases to two dhclients (Kea then compacts its lease file, as it does every hour, so that
 * the leases are in {@code kea-leases4.csv.2}) and is stopped; LeaseLedger starts on its configuration as
 * {@code convert-kea}, {@code convert-dhcpd} or {@code convert-dnsmasq} converts it, with
 * {@code --import-leases} on its lease file; a client new to the link gets neither client's address (without the import it
 * would get the first one's), and the first client, rebooted (INIT-REBOOT with the address it
 * remembers), is ACKed that address by LeaseLedger and never NAKed.
 */
@Tag("netns")
@Timeout(300)
class SwitchFromKeaOrDhcpdIT {
    private static final Duration BIND = Duration.ofSeconds(60);

    @RegisterExtension
    final Lab lab = new Lab();

    /** The converter's YAML without its {@code server:} block: the subnets, options and PXE defaults. */
    private static String withoutServerBlock(String yaml) throws java.io.IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(yaml);
        tree.remove("server");
        return mapper.writeValueAsString(tree).replaceFirst("^---\\s*\n", "");
    }

    @ParameterizedTest
    @EnumSource(ReplacedServer.Kind.class)
    void clientsKeepTheAddressesTheReplacedServerGaveThem(ReplacedServer.Kind kind) throws Exception {
        Requirements.assumeServedLan("dhclient", "tcpdump", "tshark", switch (kind) {
            case KEA -> "kea-dhcp4";
            case ISC_DHCPD -> "dhcpd";
            case DNSMASQ -> "dnsmasq";
        });
        ServedSubnet subnet = ServedSubnet.small(0, 10, Duration.ofMinutes(10));
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, subnet.gateway() + "/24");
        VethLink.End aNic = lan.attach(lab.namespace("a"));
        VethLink.End bNic = lan.attach(lab.namespace("b"));

        String a;
        String b;
        ReplacedServer replaced = ReplacedServer.start(lab, kind, serverNs, lan.bridge(), subnet);
        try {
            Dhclient first = Dhclient.on(lab, aNic, "dhclient-a").start();
            a = first.awaitBound(1, BIND);
            b = Dhclient.on(lab, bNic, "dhclient-b").start().awaitBound(1, BIND);
            first.process().killNow(Duration.ofSeconds(10)); // a reboot: no RELEASE, its lease file kept
            replaced.awaitLeaseFileCleanup(Duration.ofSeconds(30));
        } finally {
            replaced.close();
        }

        // Its configuration converted as an operator converts it; the converter's server block (the
        // interfaces, named on dhcpd's command line) is the harness's.
        List<String> importArguments = List.of("--import-leases", replaced.leaseFile().toString());
        String config = Files.readString(replaced.configFile());
        String converted;
        List<String> notConverted;
        switch (kind) {
            case KEA -> {
                KeaConfigurationConverter.Result result = KeaConfigurationConverter.convert(config);
                converted = result.yaml();
                notConverted = result.notConverted();
            }
            case ISC_DHCPD -> {
                DhcpdConfigurationConverter.Result result = DhcpdConfigurationConverter.convert(config);
                converted = result.yaml();
                notConverted = result.notConverted();
            }
            case DNSMASQ -> {
                DnsmasqConfigurationConverter.Result result = DnsmasqConfigurationConverter.convert(config);
                converted = result.yaml();
                notConverted = result.notConverted();
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        assertThat(notConverted).as("all of the file but its interfaces").allSatisfy(n -> assertThat(n).contains("interfaces"));
        lab.leaseLedgerWithArguments(serverNs, List.of(lan.bridge()), subnet.gateway(), importArguments,
                withoutServerBlock(converted));
        // A client new to the link first: without the import it would be offered the first client's address.
        String newcomer = Dhclient.on(lab, lan.attach(lab.namespace("c")), "dhclient-c").start().awaitBound(1, BIND);
        assertThat(newcomer).isNotIn(a, b);

        PacketCapture wire = lab.capture(serverNs, lan.bridge());
        Dhclient rebooted = Dhclient.on(lab, aNic, "dhclient-a").start();
        assertThat(rebooted.awaitBound(1, BIND)).isEqualTo(a);
        List<Map<String, String>> replies = wire.read("dhcp.option.dhcp == 5 || dhcp.option.dhcp == 6",
                "dhcp.option.dhcp", "dhcp.ip.your");
        assertThat(replies).as("LeaseLedger ACKs the address the client remembers, and NAKs nothing\n" + wire.summary())
                .isNotEmpty()
                .allSatisfy(reply -> assertThat(reply).containsEntry("dhcp.option.dhcp", "5").containsEntry("dhcp.ip.your", a));
    }
}
