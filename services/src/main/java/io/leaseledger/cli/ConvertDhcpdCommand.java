package io.leaseledger.cli;

import io.leaseledger.config.DhcpdConfigurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code leaseledger convert-dhcpd --from dhcpd.conf}: ISC dhcpd's configuration as LeaseLedger's YAML, on stdout. */
@Command(name = "convert-dhcpd", mixinStandardHelpOptions = true,
        description = {"Writes ISC dhcpd's dhcpd.conf (MAAS's /var/lib/maas/dhcpd.conf included) as LeaseLedger's YAML on"
                + " standard output: per subnet (inside shared networks and groups too) its ranges and pools, router, DNS"
                + " servers, domain, lease times and authority; host reservations by hardware address; other options the"
                + " option catalogue knows, as snippets; PXE: next server, and the boot file per client architecture"
                + " (if option arch = 00:07 { filename ...; } chains) and the iPXE script. What is not converted is listed"
                + " at the top of the YAML, as comments. The result is then validated as serve would read it (interfaces"
                + " not checked).",
                "Exit code 0 when the result is valid, 2 when it is not (the errors on standard error; the YAML is"
                        + " still written, to be edited) or when the file is not a dhcpd.conf."})
public final class ConvertDhcpdCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE", description = "ISC dhcpd's configuration (dhcpd.conf).")
    Path from;

    private final PrintStream out;

    public ConvertDhcpdCommand() {
        this(System.out);
    }

    ConvertDhcpdCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        DhcpdConfigurationConverter.Result result;
        try {
            result = DhcpdConfigurationConverter.convert(Files.readString(from, StandardCharsets.ISO_8859_1));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(from + ": " + e.getMessage());
            return 2;
        }
        return ConvertedConfiguration.write(out, from, "convert-dhcpd", result.notConverted(), result.yaml());
    }
}
