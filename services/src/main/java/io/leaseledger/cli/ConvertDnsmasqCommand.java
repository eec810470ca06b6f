package io.leaseledger.cli;

import io.leaseledger.config.DnsmasqConfigurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code leaseledger convert-dnsmasq --from dnsmasq.conf}: dnsmasq's DHCP configuration as LeaseLedger's YAML, on stdout. */
@Command(name = "convert-dnsmasq", mixinStandardHelpOptions = true,
        description = {"Writes dnsmasq's configuration (dnsmasq.conf) as LeaseLedger's YAML on standard output: the"
                + " interfaces; a subnet per IPv4 dhcp-range network with its ranges, lease time and domain; router, DNS"
                + " servers and domain of untagged dhcp-options, other options the option catalogue knows as snippets;"
                + " dhcp-authoritative; reservations of dhcp-host lines with a MAC and an address; PXE from dhcp-boot,"
                + " per client architecture where dhcp-match tags choose it. What is not converted is listed at the top"
                + " of the YAML, as comments; dnsmasq's DNS service is not converted. The result is then validated as"
                + " serve would read it (interfaces not checked).",
                "Exit code 0 when the result is valid, 2 when it is not (the errors on standard error; the YAML is"
                        + " still written, to be edited) or when the file serves no IPv4 range."})
public final class ConvertDnsmasqCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE", description = "dnsmasq's configuration (dnsmasq.conf).")
    Path from;

    private final PrintStream out;

    public ConvertDnsmasqCommand() {
        this(System.out);
    }

    ConvertDnsmasqCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        DnsmasqConfigurationConverter.Result result;
        try {
            result = DnsmasqConfigurationConverter.convert(Files.readString(from, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(from + ": " + e.getMessage());
            return 2;
        }
        return ConvertedConfiguration.write(out, from, "convert-dnsmasq", result.notConverted(), result.yaml());
    }
}
