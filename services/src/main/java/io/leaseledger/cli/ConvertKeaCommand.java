package io.leaseledger.cli;

import io.leaseledger.config.KeaConfigurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger convert-kea --from kea-dhcp4.conf}: Kea's configuration as LeaseLedger's YAML, on stdout. */
@Command(name = "convert-kea", mixinStandardHelpOptions = true,
        description = {"Writes Kea's kea-dhcp4.conf as LeaseLedger's YAML on standard output: the interfaces, and per"
                + " subnet (shared networks' included) its pools, router, DNS servers, domain, lease times and host"
                + " reservations by hardware address. What is not converted is listed at the top of the YAML, as"
                + " comments. The result is then validated as serve would read it (interfaces not checked).",
                "Exit code 0 when the result is valid, 2 when it is not (the errors on standard error; the YAML is"
                        + " still written, to be edited) or when the file is not Kea's."})
public final class ConvertKeaCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE", description = "Kea's DHCPv4 configuration (JSON).")
    Path from;

    private final PrintStream out;

    public ConvertKeaCommand() {
        this(System.out);
    }

    ConvertKeaCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        KeaConfigurationConverter.Result result;
        try {
            result = KeaConfigurationConverter.convert(Files.readString(from, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(from + ": " + e.getMessage());
            return 2;
        }
        return ConvertedConfiguration.write(out, from, "convert-kea", result.notConverted(), result.yaml());
    }
}
