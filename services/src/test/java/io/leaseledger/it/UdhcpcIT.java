package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.CommandResult;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BusyBox udhcpc, the client of initramfs images and small appliances. */
@Tag("netns")
@Timeout(180)
class UdhcpcIT {
    private static final String REQUESTED = "198.18.0.102";

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("udhcpc", "tcpdump", "tshark");
    }

    @Test
    void requestedFreeAddressIsHonoured() throws IOException {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(60)));

        Properties bound = runUdhcpc(lan.client("c"), List.of("-r", REQUESTED));

        // .102 is the third free address: granted because it was asked for, not by chance.
        assertThat(bound.getProperty("ip")).isEqualTo(REQUESTED);
        assertThat(bound.getProperty("serverid")).isEqualTo(lan.serverAddress());
    }

    @Test
    void optionsItAsksForAreInTheReply() throws IOException {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(60)));
        PacketCapture wire = lan.capture();

        // -o: none of udhcpc's default requests; exactly these four in option 55.
        Properties bound = runUdhcpc(lan.client("c"),
                List.of("-o", "-O", "subnet", "-O", "router", "-O", "dns", "-O", "domain"));

        assertThat(bound.getProperty("subnet")).isEqualTo("255.255.255.0");
        assertThat(bound.getProperty("router")).isEqualTo("198.18.0.1");
        assertThat(bound.getProperty("dns")).isEqualTo("198.18.0.1");
        assertThat(bound.getProperty("domain")).isEqualTo("llt.test");
        List<Map<String, String>> requests = wire.read("dhcp.option.dhcp == 3", "dhcp.option.request_list_item");
        List<Map<String, String>> acks = wire.read("dhcp.option.dhcp == 5", "dhcp.option.type");
        assertThat(requests).isNotEmpty();
        assertThat(acks).isNotEmpty();
        List<String> asked = Arrays.asList(requests.getFirst().get("dhcp.option.request_list_item").split(","));
        List<String> answered = Arrays.asList(acks.getLast().get("dhcp.option.type").split(","));
        assertThat(asked).containsExactlyInAnyOrder("1", "3", "6", "15");
        assertThat(answered).as("every requested option in the ACK\n" + wire.summary()).containsAll(asked);
    }

    /** Runs udhcpc to a lease and back (-q), returning the environment its script saw on "bound". */
    private Properties runUdhcpc(VethLink.End nic, List<String> extra) throws IOException {
        Path env = lab.dir().resolve("udhcpc-bound.env");
        // udhcpc's script: records the environment of "bound" and configures nothing.
        Path script = lab.script("udhcpc-script", """
                #!/bin/sh
                [ "$1" = bound ] && env > '%s'
                exit 0
                """.formatted(env));
        List<String> command = new java.util.ArrayList<>(List.of(Requirements.path("udhcpc"),
                "-i", nic.name(), "-f", "-q", "-n", "-t", "5", "-T", "3", "-A", "1", "-s", script.toString()));
        command.addAll(extra);
        CommandResult result = nic.namespace().exec(Duration.ofSeconds(60), command);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(env).as("udhcpc reached bound\n" + result.describe()).exists();
        Properties p = new Properties();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                p.setProperty(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return p;
    }
}
