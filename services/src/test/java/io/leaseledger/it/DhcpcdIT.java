package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.CommandResult;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * dhcpcd, the client of many distributions' network stacks. It writes leases under
 * /var/lib/dhcpcd and its pid and control socket under /run/dhcpcd: it runs sandboxed, so
 * those are the test's temp dir.
 */
@Tag("netns")
@Timeout(180)
class DhcpcdIT {
    private static final Pattern LEASED = Pattern.compile("leased (\\S+) for (\\d+) seconds");

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("dhcpcd", "tcpdump", "tshark");
        Requirements.assumeScapy();
    }

    @Test
    void bindsThenReleaseFreesTheAddress() {
        // One address, so that the release is what makes it available to another client.
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 1, Duration.ofSeconds(120)));
        VethLink.End nic = lan.client("c");
        Path conf = lab.script("dhcpcd.conf", """
                # Ours, not /etc/dhcpcd.conf. No ARP probing (the segment is the test's own).
                noarp
                option subnet_mask, routers, domain_name_servers, domain_name
                """);
        Path script = lab.script("dhcpcd-script", """
                #!/bin/sh
                # Replaces dhcpcd-run-hooks: no hook runs, nothing outside the namespace changes.
                echo "$reason $new_ip_address" >> '%s'
                exit 0
                """.formatted(lab.dir().resolve("dhcpcd-events")));
        ChildProcess dhcpcd = lab.startSandboxed(nic.namespace(), "dhcpcd", List.of(Requirements.path("dhcpcd"),
                "-4", "-B", "-d", "-f", conf.toString(), "-c", script.toString(), "--nohook", "resolv.conf",
                nic.name()));

        String address = dhcpcd.awaitLine(LEASED, Duration.ofSeconds(60)).group(1);

        assertThat(address).isEqualTo("198.18.0.100");
        dhcpcd.awaitOrFail("the address on " + nic.name(), Duration.ofSeconds(15), () ->
                nic.namespace().exec("ip", "-4", "-o", "addr", "show", "dev", nic.name()).stdout()
                        .contains(address + "/24"));

        PacketCapture wire = lan.capture();
        CommandResult release = lab.execSandboxed(nic.namespace(), Duration.ofSeconds(30),
                List.of(Requirements.path("dhcpcd"), "-4", "-k", nic.name()));
        assertThat(release.exitCode()).as(release.describe()).isZero();
        assertThat(dhcpcd.awaitExit(Duration.ofSeconds(20))).as("dhcpcd exits after releasing").isPresent();
        assertThat(wire.read("dhcp.option.dhcp == 7", "dhcp.ip.client"))
                .as("DHCPRELEASE on the wire").extracting(r -> r.get("dhcp.ip.client")).containsExactly(address);

        VethLink.End other = lan.client("d");
        DhcpReply offer = lab.scapy(other).reply(DhcpMessage.discover(other.mac(), 0x0d0d0001), Duration.ofSeconds(10));
        assertThat(offer.messageType()).isEqualTo(DhcpReply.OFFER);
        assertThat(offer.yiaddr()).as("the released address, offered to another client").isEqualTo(address);
    }
}
