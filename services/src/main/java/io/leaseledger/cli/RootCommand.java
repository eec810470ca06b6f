package io.leaseledger.cli;

import picocli.CommandLine.Command;

@Command(
        name = "leaseledger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A DHCP server whose lease database is an event log.",
        subcommands = {ServeCommand.class, CheckCommand.class, ProbeCommand.class, Probe6Command.class, TokenCommand.class, ProjectionsCommand.class,
                LeasesCommand.class, HistoryCommand.class, UtilisationCommand.class, LogCommand.class, DiscoveriesCommand.class,
                TailCommand.class, EventsCommand.class, BackupCommand.class, RestoreCommand.class, ConvertKeaCommand.class,
                ConvertDhcpdCommand.class, ConvertDnsmasqCommand.class, ImportLeasesCommand.class})
public final class RootCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
