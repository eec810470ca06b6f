package io.leaseledger.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code projections rebuild NAME}: a name that is no projection (a typo beside a valid one
 * included) is refused with exit code 2 and the names there are, before the store or the
 * projections database is opened, so nothing is emptied.
 */
class ProjectionsCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownNameExitsTwoNamingTheProjectionsAndOpensNothing() throws Exception {
        Path data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("node.yaml"), """
                server:
                  bind: [127.0.0.1]
                  port: 16768
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 127.0.0.0/8
                """.formatted(data));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new RootCommand())
                    .execute("projections", "rebuild", "--config", config.toString(), "history", "lease");
        } finally {
            System.setErr(stderr);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("no projection 'lease': the projections are leases, history, log" + System.lineSeparator());
        assertThat(data).doesNotExist();
    }
}
