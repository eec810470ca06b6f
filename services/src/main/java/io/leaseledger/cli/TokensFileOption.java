package io.leaseledger.cli;

import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.StoreConfiguration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where the tokens file is: named directly, found through the configuration file's
 * {@code api.tokens-file}, or, with neither, the default beside the default store
 * ({@code ./data/api-tokens.json}).
 */
final class TokensFileOption {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
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
        if (choice == null) {
            return Path.of(StoreConfiguration.DEFAULT.path()).resolve(ApiConfiguration.TOKENS_FILE_NAME);
        }
        if (choice.tokensFile != null) {
            return choice.tokensFile;
        }
        return new ConfigurationLoader(HostInterfaces.system()).load(choice.config).api().tokensFile();
    }
}
