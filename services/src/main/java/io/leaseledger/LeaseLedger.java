package io.leaseledger;

import io.leaseledger.cli.RootCommand;
import picocli.CommandLine;

/** Entry point of the {@code leaseledger} binary: one binary, several subcommands. */
public final class LeaseLedger {
    private LeaseLedger() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new RootCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }
}
