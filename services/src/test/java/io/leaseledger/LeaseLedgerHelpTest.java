package io.leaseledger;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's help renders as written: picocli formats descriptions with printf rules, so a
 * bare {@code %} printed a warning to stderr and the text unformatted ({@code utilisation} did).
 */
class LeaseLedgerHelpTest {

    @Test
    void everyCommandsHelpRendersWithoutAWarning() {
        List<CommandLine> commands = new ArrayList<>();
        collect(LeaseLedger.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(5);

        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                String help = command.getUsageMessage();
                assertThat(help).as(command.getCommandName()).contains("Usage: ").doesNotContain("%n");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
