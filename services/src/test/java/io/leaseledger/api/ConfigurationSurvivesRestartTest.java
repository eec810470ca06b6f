package io.leaseledger.api;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.server.LeaseLedgerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP API changed is not undone by a restart with the same file; what the operator then
 * changes in the file is applied (docs/configuration.md, "The file and the API").
 */
class ConfigurationSurvivesRestartTest {
    @TempDir
    Path dir;

    /** Where the node keeps its store and projections: H2 files unless a subclass says otherwise. */
    NodeDatabases databases() throws Exception {
        return NodeDatabases.h2();
    }

    @Test
    void apiChangesSurviveARestartAndTheFilesOwnChangesStillApply() throws Exception {
        try (NodeDatabases databases = databases()) {
            changeThroughTheApiThenRestartTwice(databases);
        }
    }

    @Test
    void aSubnetTheApiDefinesStartsWithTheFilesGlobalPxeBlockAndKeepsItsOwnAcrossARestart() throws Exception {
        try (NodeDatabases databases = databases()) {
            String file = ApiNode.yaml(dir, databases)
                    .replace("subnets:\n", "pxe: {next-server: 198.18.0.2, bios: lpxelinux.0}\nsubnets:\n");
            try (ApiNode api = ApiNode.start(file, Clock.systemUTC())) {
                var defined = api.send("POST", "/api/v1/subnets", api.operator, "{\"cidr\": \"198.19.8.0/24\"}");
                assertThat(defined.status()).as(defined.body()).isEqualTo(201);
                assertThat(defined.json().get("pxe").get("nextServer").asText()).isEqualTo("198.18.0.2");
                assertThat(defined.json().get("pxe").get("bios").asText()).isEqualTo("lpxelinux.0");
                assertThat(api.send("PUT", "/api/v1/subnets/198.19.8.0-24/pxe", api.operator,
                        "{\"uefi-x64\": \"bootx64.efi\"}").status()).isEqualTo(200);
            }
            try (LeaseLedgerNode node = start(file)) {
                assertThat(node.configurationChanges()).isZero();
                assertThat(node.settings().subnet(io.leaseledger.events.types.SubnetId.parse("198.19.8.0/24"))
                        .orElseThrow().pxe().orElseThrow()).isEqualTo(new io.leaseledger.events.subnet.PxeSettings(
                        null, null, null, "bootx64.efi", null, null, null, null));
            }
        }
    }

    private void changeThroughTheApiThenRestartTwice(NodeDatabases databases) throws Exception {
        String file = ApiNode.yaml(dir, databases);
        try (ApiNode api = ApiNode.start(dir, databases)) {
            assertThat(api.send("POST", "/api/v1/subnets", api.operator, "{\"cidr\": \"198.19.7.0/24\"}").status())
                    .isEqualTo(201);
            assertThat(api.send("POST", "/api/v1/subnets/198.18.0.0-24/ranges", api.operator,
                    "{\"start\": \"198.18.0.10\", \"end\": \"198.18.0.19\", \"kind\": \"reserved\"}").status())
                    .isEqualTo(201);
            assertThat(api.send("PUT", "/api/v1/subnets/198.18.0.0-24/pxe", api.operator,
                    "{\"next-server\": \"198.18.0.2\", \"uefi-x64\": \"bootx64.efi\"}").status()).isEqualTo(200);
            assertThat(api.send("PUT", "/api/v1/options", api.operator, "{\"code\": 225, \"hex\": \"bb\"}").status())
                    .isEqualTo(200);
        }

        try (LeaseLedgerNode node = start(file)) {
            assertThat(node.configurationChanges()).isZero();
            assertThat(node.settings().subnets()).extracting(s -> s.id().toString())
                    .contains("198.19.7.0/24", "198.18.0.0/24");
            assertThat(node.settings().subnets().stream().filter(s -> s.id().toString().equals("198.18.0.0/24"))
                    .findFirst().orElseThrow().ranges().keySet().toString()).contains("198.18.0.10-198.18.0.19");
            assertThat(node.settings().subnet(io.leaseledger.events.types.SubnetId.parse("198.18.0.0/24")).orElseThrow()
                    .pxe().orElseThrow().uefiX64BootFile()).isEqualTo("bootx64.efi");
            assertThat(node.settings().globalSnippets()).containsOnlyKeys(225);
            assertThat(globalCodes(node)).containsOnly(java.util.List.of(225));
        }

        // The operator edits the file's subnet: that subnet becomes what the file says; the API's own subnet stays.
        String edited = file.replace("lease-time: 10m", "lease-time: 20m");
        try (LeaseLedgerNode node = start(edited)) {
            assertThat(node.configurationChanges()).isPositive();
            var fileSubnet = node.settings().subnets().stream().filter(s -> s.id().toString().equals("198.18.0.0/24"))
                    .findFirst().orElseThrow();
            assertThat(fileSubnet.settings().leaseTime().jsonValue()).isEqualTo(1200);
            assertThat(fileSubnet.ranges().keySet().toString()).doesNotContain("198.18.0.10-198.18.0.19");
            assertThat(fileSubnet.pxe()).as("the file sets no PXE: its word on the subnet is none")
                    .contains(io.leaseledger.events.subnet.PxeSettings.NONE);
            assertThat(node.settings().subnets()).extracting(s -> s.id().toString()).contains("198.19.7.0/24");
            assertThat(globalCodes(node)).as("the file's global options did not change: the API's word stands")
                    .containsOnly(java.util.List.of(225));
        }

        // The operator edits the file's global options: every subnet gets them, the API's own subnet too.
        try (LeaseLedgerNode node = start(edited.replace("subnets:\n", "options: [{code: 226, hex: cc}]\nsubnets:\n"))) {
            assertThat(node.settings().globalSnippets()).containsOnlyKeys(226);
            assertThat(globalCodes(node)).hasSize(2).containsOnly(java.util.List.of(226));
        }
    }

    /** Per served subnet, the codes of its global-scope snippets. */
    private static java.util.List<java.util.List<Integer>> globalCodes(LeaseLedgerNode node) {
        return node.settings().subnets().stream().map(s -> s.snippets().keySet().stream()
                .filter(k -> k.scope() == io.leaseledger.events.subnet.OptionScope.GLOBAL)
                .map(io.leaseledger.config.SnippetKey::code).toList()).toList();
    }

    private static LeaseLedgerNode start(String yaml) throws Exception {
        LeaseLedgerConfiguration config = new ConfigurationLoader(HostInterfaces.system()).parse(yaml, "test.yaml");
        return LeaseLedgerNode.start(config, Clock.systemUTC());
    }
}
