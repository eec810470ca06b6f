package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.TestNetwork;
import io.leaseledger.it.harness.VethLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stateless DHCPv6 against ISC's real client and relay, in namespaces the test creates, with
 * addresses from 2001:2::/48 (RFC 5180, IPv6's benchmarking range) and 198.18.0.0/15.
 * dhclient -6 -S gets the link's DNS servers and search list; dhclient -6 asking for an address
 * is told by an Advertise that there are none here; a client behind dhcrelay -6 gets the relayed
 * link's configuration through a RELAY-REPL.
 */
@Tag("netns")
@Timeout(180)
class Dhcpv6IT {
    private static final Pattern REPLY = Pattern.compile("RCV: Reply message on (\\S+) from (\\S+)\\.");
    private static final Pattern ADVERTISE = Pattern.compile("RCV: Advertise message on (\\S+) from (\\S+)\\.");
    private static final Pattern NOT_SATISFIED = Pattern.compile("PRC: Lease failed to satisfy");

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("dhclient", "dhcrelay", "tcpdump", "tshark");
    }

    @Test
    void aClientOnTheLinkGetsItsConfigurationAndLearnsThereAreNoAddresses() {
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, "198.18.1.1/24");
        ipv6(serverNs, lan.bridge(), "2001:2:0:1::1/64");
        VethLink.End client = lan.attach(lab.namespace("c"));
        awaitIpv6Ready(client.namespace(), client.name());
        PacketCapture wire = lab.capture(serverNs, lan.bridge(), "udp port 546 or udp port 547");
        lab.leaseLedger(serverNs, "server", List.of(lan.bridge()), "198.18.1.1", """
                dhcp6:
                  interfaces: [%s]
                  links:
                    - prefix: 2001:2:0:1::/64
                      interface: %s
                      dns-servers: ['2001:2:0:1::53', '2001:2:0:1::54']
                      domain-search: [maas.example, rack1.maas.example]
                """.formatted(lan.bridge(), lan.bridge()), ServedSubnet.small(1, 2, Duration.ofSeconds(120)));

        Map<String, String> told = informationRequest(client, "stateless");

        assertThat(told).containsEntry("reason", "RENEW6")
                .containsEntry("new_dhcp6_name_servers", "2001:2:0:1::53 2001:2:0:1::54")
                .containsEntry("new_dhcp6_domain_search", "maas.example. rack1.maas.example.");

        ChildProcess stateful = lab.startSandboxed(client.namespace(), "dhclient6-stateful", dhclient(client, "stateful", "-d"));
        stateful.awaitLine(ADVERTISE, Duration.ofSeconds(30));
        stateful.awaitLine(NOT_SATISFIED, Duration.ofSeconds(10));
        stateful.killNow(Duration.ofSeconds(5));
        wire.stop();
        List<Map<String, String>> advertised = wire.read("dhcpv6.msgtype == 2", "dhcpv6.status_code", "dhcpv6.iaaddr.ip");
        assertThat(advertised).as(wire.summary()).isNotEmpty().allSatisfy(advertise -> {
            assertThat(advertise.get("dhcpv6.status_code")).isEqualTo("2"); // NoAddrsAvail
            assertThat(advertise.get("dhcpv6.iaaddr.ip")).isEmpty();
        });
    }

    @Test
    void aClientBehindDhcrelayGetsTheRelayedLinksConfiguration() {
        NetworkNamespace serverNs = lab.namespace("s");
        Segment uplink = lab.segment(serverNs, "198.18.1.1/24");
        ipv6(serverNs, uplink.bridge(), "2001:2:0:1::1/64");
        NetworkNamespace relayNs = lab.namespace("r");
        VethLink.End relayUp = uplink.attach(relayNs);
        ipv6(relayNs, relayUp.name(), "2001:2:0:1::2/64");
        Segment access = lab.segment(relayNs, "198.18.2.1/24");
        ipv6(relayNs, access.bridge(), "2001:2:0:2::1/64");
        VethLink.End client = access.attach(lab.namespace("c"));
        awaitIpv6Ready(client.namespace(), client.name());
        awaitIpv6Ready(relayNs, relayUp.name());
        PacketCapture wire = lab.capture(serverNs, uplink.bridge(), "udp port 547");
        lab.leaseLedger(serverNs, "server", List.of(uplink.bridge()), "198.18.1.1", """
                dhcp6:
                  interfaces: [%s]
                  links:
                    - prefix: 2001:2:0:1::/64
                      interface: %s
                      dns-servers: ['2001:2:0:1::53']
                    - prefix: 2001:2:0:2::/64
                      dns-servers: ['2001:2:0:2::53']
                      domain-search: [rack2.maas.example]
                """.formatted(uplink.bridge(), uplink.bridge()), ServedSubnet.small(1, 2, Duration.ofSeconds(120)));
        ChildProcess relay = lab.start(relayNs, "dhcrelay6", List.of(Requirements.path("dhcrelay"), "-6", "-d",
                "-pf", lab.dir().resolve("dhcrelay6.pid").toString(),
                "-l", access.bridge(), "-u", "2001:2:0:1::1%" + relayUp.name()));
        relay.awaitLine(Pattern.compile("Sending on\\s+Socket/" + Pattern.quote(relayUp.name())), Duration.ofSeconds(30));

        Map<String, String> told = informationRequest(client, "relayed");

        assertThat(told).containsEntry("new_dhcp6_name_servers", "2001:2:0:2::53")
                .containsEntry("new_dhcp6_domain_search", "rack2.maas.example.");
        wire.stop();
        List<Map<String, String>> replies = wire.read("ipv6.src == 2001:2:0:1::1 && udp.srcport == 547",
                "udp.dstport", "dhcpv6.msgtype", "dhcpv6.linkaddr");
        assertThat(replies).as(wire.summary()).isNotEmpty().allSatisfy(reply -> {
            assertThat(reply.get("udp.dstport")).isEqualTo("547");
            assertThat(reply.get("dhcpv6.msgtype")).isEqualTo("13,7");
            assertThat(reply.get("dhcpv6.linkaddr")).isEqualTo("2001:2:0:2::1");
        });
    }

    /** dhclient -6 -S once: returns what its script was told (the environment it ran with). */
    private Map<String, String> informationRequest(VethLink.End client, String name) {
        ChildProcess dhclient = lab.startSandboxed(client.namespace(), "dhclient6-" + name, dhclient(client, name, "-S", "-1"));
        dhclient.awaitLine(REPLY, Duration.ofSeconds(30));
        dhclient.awaitExit(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("dhclient -6 -S did not exit\n"
                + dhclient.logTail()));
        try {
            Map<String, String> env = new java.util.TreeMap<>();
            for (String line : Files.readAllLines(lab.dir().resolve(name).resolve("told"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1).strip());
                }
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ISC dhclient in DHCPv6 mode, its files in the lab; its script records its environment and changes nothing. */
    private List<String> dhclient(VethLink.End client, String name, String... mode) {
        Path dir = lab.subdir(name);
        Path told = dir.resolve("told");
        Path script = lab.script(name + "/dhclient-script", """
                #!/bin/sh
                # Records what the server said; touches no address, route or resolv.conf.
                env | grep -E '^(reason|new_dhcp6_)' > '%s'
                exit 0
                """.formatted(told));
        lab.script(name + "/dhclient6.conf", "timeout 30;\n");
        List<String> command = new java.util.ArrayList<>(List.of(Requirements.path("dhclient"), "-6", "-v",
                "-cf", dir.resolve("dhclient6.conf").toString(), "-lf", dir.resolve("dhclient6.leases").toString(),
                "-pf", dir.resolve("dhclient6.pid").toString(), "-sf", script.toString()));
        command.addAll(List.of(mode));
        command.add(client.name());
        return command;
    }

    private static void ipv6(NetworkNamespace ns, String iface, String cidr) {
        TestNetwork.requireTestIpv6Cidr(cidr);
        // nodad: usable at once.
        ns.execOk("ip", "-6", "addr", "add", cidr, "dev", iface, "nodad");
        if (iface.endsWith("br")) {
            // No multicast snooping on the segment's bridge: ff02::1:2 reaches the server however MLD goes.
            ns.execOk("ip", "link", "set", iface, "type", "bridge", "mcast_snooping", "0");
        }
    }

    /** Waits until the link-local address of {@code iface} has left duplicate address detection. */
    private static void awaitIpv6Ready(NetworkNamespace ns, String iface) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            String out = ns.execOk("ip", "-6", "addr", "show", "dev", iface).stdout();
            if (out.contains("scope link") && !out.contains("tentative")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(iface + " has no usable link-local address after 20 s");
    }
}
