package io.leaseledger.cli;

import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenSecrets;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code leaseledger token create|list|revoke}: the HTTP API's access tokens, kept hashed. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Creates, lists and revokes HTTP API tokens. Only a SHA-256 of each token is stored; "
                + "a running server sees changes at its next request.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a token and prints it once: it cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @Mixin
        TokensFileOption file = new TokensFileOption();

        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "read-only, operator or admin.", converter = RoleConverter.class)
        Role role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what uses the token.")
        String name;

        @Override
        public Integer call() throws ConfigurationException {
            TokenStore store = new TokenStore(file.resolve());
            TokenSecrets.NewSecret secret = store.create(name, role, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            spec.commandLine().getErr().println("token " + secret.id() + " (" + role.label() + ", '" + name.strip() + "') added to "
                    + store.file() + "; it is shown only now:");
            spec.commandLine().getOut().println(secret.token());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        TokensFileOption file = new TokensFileOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws ConfigurationException {
            Table table = new Table("ID", "ROLE", "NAME", "CREATED");
            new TokenStore(file.resolve()).list()
                    .forEach(t -> table.row(t.id(), t.role().label(), t.name(), t.created().toString()));
            table.print(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        }

    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Removes a token; requests with it get 401 from then on. Exit code 1 when there is no such token.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        TokensFileOption file = new TokensFileOption();

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID|NAME", description = "The token's id (from token list) or its name.")
        String token;

        @Override
        public Integer call() throws ConfigurationException {
            TokenStore store = new TokenStore(file.resolve());
            if (store.revoke(token)) {
                spec.commandLine().getOut().println("revoked " + token);
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine().getErr().println("no token with id or name '" + token + "' in " + store.file());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    static final class RoleConverter implements picocli.CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.fromLabel(value);
        }
    }
}
