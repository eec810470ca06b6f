package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the tokens file is: named directly, or found through the configuration file's {@code api.tokens-file}. */
final class TokensFileOption {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--config", paramLabel = "FILE",
                description = "The server's YAML configuration; the tokens file is its api.tokens-file "
                        + "(default: api-tokens.json in the store's path).")
        Path config;

        @Option(names = "--tokens-file", paramLabel = "PATH", description = "The tokens file itself.")
        Path tokensFile;
    }

    Path resolve() throws ConfigurationException {
        if (choice.tokensFile != null) {
            return choice.tokensFile;
        }
        return new ConfigurationLoader(HostInterfaces.system()).load(choice.config).api().tokensFile();
    }
}
