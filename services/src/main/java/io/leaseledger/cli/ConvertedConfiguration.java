package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What the convert commands print: the YAML under a header naming what was not converted, then checked as serve reads it. */
final class ConvertedConfiguration {
    private ConvertedConfiguration() {}

    /** Writes it on {@code out}; 0 when serve would take it (interfaces not checked), 2 with its errors on stderr. */
    static int write(PrintStream out, Path from, String command, List<String> notConverted, String converted) {
        StringBuilder yaml = new StringBuilder("# converted from " + from + " by leaseledger " + command + "\n");
        if (!notConverted.isEmpty()) {
            yaml.append("# not converted (set by hand if this server needs them):\n");
            notConverted.forEach(line -> yaml.append("#   ").append(line.replace('\n', ' ')).append('\n'));
        }
        yaml.append(converted);
        out.print(yaml);
        try {
            new ConfigurationLoader(HostInterfaces.ANY).parse(yaml.toString(), "the converted configuration");
            return 0;
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
