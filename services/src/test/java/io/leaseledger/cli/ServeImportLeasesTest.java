package io.leaseledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --import-leases FILE}: a file that is not a lease file, or one that cannot be read,
 * stops the start before anything is opened (exit 2, the reason on stderr). The import itself:
 * {@code LeaseImportNodeTest} and {@code SwitchFromKeaOrDhcpdIT}.
 */
class ServeImportLeasesTest {
    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("node.yaml"), """
                server:
                  port: 16770
                  bind: [127.0.0.1]
                  warm-up: false
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 198.18.0.0/24
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                """.formatted(dir.resolve("data")));
    }

    @Test
    void aFileOfNeitherKindExitsTwoAndNoStoreIsCreated() throws Exception {
        Path notLeases = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");

        assertThat(console.run(new ServeCommand(), "--config", config().toString(), "--import-leases", notLeases.toString()))
                .isEqualTo(2);

        assertThat(console.errors()).contains("--import-leases:").contains("neither a Kea memfile")
                .contains("ISC dhcpd leases file");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingFileExitsTwoNamingIt() throws Exception {
        Path missing = dir.resolve("kea-leases4.csv");

        assertThat(console.run(new ServeCommand(), "--config", config().toString(), "--import-leases", missing.toString()))
                .isEqualTo(2);

        assertThat(console.errors()).contains("--import-leases: cannot read " + missing);
    }

    @Test
    void importAgainAloneIsRefused() throws Exception {
        assertThat(console.run(new ServeCommand(), "--config", config().toString(), "--import-again")).isEqualTo(2);

        assertThat(console.errors()).contains("--import-again: only with --import-leases FILE");
    }
}
