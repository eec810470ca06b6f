package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationApplier;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.SettingsView;
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --config FILE [--against-store]}: validates as serve does without serving, and
 * lists what a start would change in the event log, without changing it.
 */
class CheckCommandTest {
    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aValidFileIsSummarisedAndNothingIsOpened() throws Exception {
        Path config = write("node.yaml", node("10m", ""));

        assertThat(run("--config", config.toString())).isZero();

        assertThat(output()).startsWith(config + ": valid")
                .contains("DHCPv4 on port 16769: interfaces [], bind addresses [127.0.0.1]")
                .contains("subnet 198.18.0.0/24: managed, lease 600 s, dynamic 198.18.0.100-198.18.0.199, "
                        + "reserved 198.18.0.2-198.18.0.19, 1 reservation(s)");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anInvalidFileExitsTwoNamingTheKeyAndTheValue() throws Exception {
        Path config = write("node.yaml", node("10m", "").replace("end: 198.18.0.199", "end: 198.18.1.199"));

        assertThat(run("--config", config.toString())).isEqualTo(2);

        assertThat(errors()).contains("subnets[0].ranges[1]").contains("198.18.1.199");
        assertThat(output()).isEmpty();
    }

    @Test
    void withoutAStoreYetTheWholeFileWouldBeAppliedAndNoStoreIsCreated() throws Exception {
        Path config = write("node.yaml", node("10m", ""));

        assertThat(run("--config", config.toString(), "--against-store")).isZero();

        assertThat(output()).contains("no event store at " + dir.resolve("data").resolve("events.mv.db") + " yet")
                .contains("a start would send 4 configuration command(s):")
                .contains("  define subnet 198.18.0.0/24 (managed, authoritative, lease 600 s)")
                .contains("  add reserved range 198.18.0.2-198.18.0.19 to 198.18.0.0/24")
                .contains("  add dynamic range 198.18.0.100-198.18.0.199 to 198.18.0.0/24")
                .contains("  reserve 198.18.0.50 for 52:54:00:00:00:01 (probe-host) in 198.18.0.0/24");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void againstAStoreOnlyWhatTheFileChangedIsListedAndNothingIsSent() throws Exception {
        Path applied = write("applied.yaml", node("10m", ""));
        try (AxonStore store = AxonStore.start(StoreSettings.h2(dir.resolve("data")), List.of(Subnet.class))) {
            ConfigurationApplier.apply(new SettingsView(), new ConfigurationLoader(HostInterfaces.ANY).load(applied),
                    store.commandGateway(), Instant.parse("2026-12-03T12:00:00Z"));
        }
        assertThat(run("--config", applied.toString(), "--against-store")).isZero();
        assertThat(output()).endsWith("the event log already says what the file says: a start changes nothing"
                + System.lineSeparator());

        Path edited = write("edited.yaml", node("20m", """
                      - mac: "52:54:00:00:00:02"
                        address: 198.18.0.51
                """));
        console.resetOutput();
        assertThat(run("--config", edited.toString(), "--against-store")).isZero();
        assertThat(output()).contains("a start would send 2 configuration command(s):")
                .contains("  change subnet 198.18.0.0/24 (managed, authoritative, lease 1200 s)")
                .contains("  reserve 198.18.0.51 for 52:54:00:00:00:02 in 198.18.0.0/24");

        console.resetOutput();
        assertThat(run("--config", edited.toString(), "--against-store")).as("checked again: nothing was sent").isZero();
        assertThat(output()).contains("a start would send 2 configuration command(s):");
    }

    @Test
    void anImportIsTriedOnAScratchStoreAndWhatWouldNotBeTakenIsSaid() throws Exception {
        Path config = write("node.yaml", node("10m", ""));
        Path kea = keaMemfile();

        assertThat(run("--config", config.toString(), "--import-leases", kea.toString())).isZero();

        assertThat(output()).contains("import of " + kea + ", tried on an empty store (as at a first start):")
                .contains("  would import 2 of 4 leases from " + kea + " (kea-memfile): {IMPORTED=2, RESERVED_FOR_ANOTHER=1}, NO_SUBNET=1")
                .contains("  not imported: 198.18.0.50 (52:54:00:00:00:09): RESERVED_FOR_ANOTHER")
                .contains("  not imported: 10.20.30.40 (52:54:00:00:00:0a): no subnet served here holds the address");
        assertThat(dir.resolve("data")).as("no store created").doesNotExist();
    }

    @Test
    void againstAStoppedNodesStoreItsLeasesCountAndTheStoreIsLeftAsItWas() throws Exception {
        Path config = write("node.yaml", node("10m", ""));
        Path kea = keaMemfile();
        try (AxonStore store = AxonStore.start(StoreSettings.h2(dir.resolve("data")), List.of(Subnet.class))) {
            LeaseLedgerNode.applyConfiguration(store, new ConfigurationLoader(HostInterfaces.ANY).load(config), Instant.now());
        }
        Path events = dir.resolve("data").resolve("events.mv.db");

        assertThat(run("--config", config.toString(), "--import-leases", kea.toString())).isZero();
        assertThat(output()).contains("tried on a copy of " + events).contains("would import 2 of 4 leases");

        console.resetOutput();
        assertThat(run("--config", config.toString(), "--import-leases", kea.toString())).isZero();
        assertThat(output()).as("tried again: the first try imported nothing into the store")
                .contains("would import 2 of 4 leases").doesNotContain("this store imported this file");
        try (AxonStore store = AxonStore.start(StoreSettings.h2(dir.resolve("data")), List.of(Subnet.class))) {
            List<Object> logged = new java.util.ArrayList<>();
            store.replayAll(logged::add);
            assertThat(logged).as("the store holds its configuration and nothing else")
                    .noneMatch(event -> event instanceof io.leaseledger.events.subnet.LeaseEvent);
        }
    }

    @Test
    void aFileThatIsNoLeaseFileExitsTwo() throws Exception {
        Path config = write("node.yaml", node("10m", ""));

        assertThat(run("--config", config.toString(), "--import-leases", config.toString())).isEqualTo(2);

        assertThat(console.errors()).contains("--import-leases:").contains("neither a Kea memfile");
    }

    /** Two leases to take, one on another host's reservation, one of no subnet here. */
    private Path keaMemfile() throws Exception {
        long expire = System.currentTimeMillis() / 1000 + 3600;
        return write("kea-leases4.csv", """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context
                198.18.0.150,52:54:00:00:00:07,,3600,%1$d,1,0,0,,0,
                198.18.0.151,52:54:00:00:00:08,,3600,%1$d,1,0,0,,0,
                198.18.0.50,52:54:00:00:00:09,,3600,%1$d,1,0,0,,0,
                10.20.30.40,52:54:00:00:00:0a,,3600,%1$d,2,0,0,,0,
                """.formatted(expire));
    }

    private String node(String leaseTime, String moreHosts) {
        return """
                server:
                  bind: [127.0.0.1]
                  port: 16769
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 198.18.0.0/24
                    lease-time: %s
                    ranges:
                      - start: 198.18.0.2
                        end: 198.18.0.19
                        kind: reserved
                      - start: 198.18.0.100
                        end: 198.18.0.199
                        kind: dynamic
                    hosts:
                      - mac: "52:54:00:00:00:01"
                        address: 198.18.0.50
                        hostname: probe-host
                %s""".formatted(dir.resolve("data"), leaseTime, moreHosts);
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private int run(String... args) {
        return console.run(new CheckCommand(console.out(), HostInterfaces.ANY), args);
    }

    private String output() {
        return console.output();
    }

    private String errors() {
        return console.errors();
    }
}
