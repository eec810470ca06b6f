package io.leaseledger.cli;

import io.leaseledger.api.auth.ApiToken;
import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenSecrets;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "read-only, operator or admin.", converter = RoleConverter.class)
        Role role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what uses the token.")
        String name;

        @Override
        public Integer call() throws ConfigurationException {
            TokenStore store = new TokenStore(file.resolve());
            TokenSecrets.NewSecret secret = store.create(name, role, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            System.err.println("token " + secret.id() + " (" + role.label() + ", '" + name.strip() + "') added to "
                    + store.file() + "; it is shown only now:");
            System.out.println(secret.token());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        TokensFileOption file = new TokensFileOption();

        @Override
        public Integer call() throws ConfigurationException {
            print(new TokenStore(file.resolve()).list(), System.out);
            return 0;
        }

        static void print(List<ApiToken> tokens, PrintStream out) {
            Table table = new Table("ID", "ROLE", "NAME", "CREATED");
            tokens.forEach(t -> table.row(t.id(), t.role().label(), t.name(), t.created().toString()));
            table.print(out);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Removes a token; requests with it get 401 from then on. Exit code 1 when there is no such token.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        TokensFileOption file = new TokensFileOption();

        @Parameters(paramLabel = "ID|NAME", description = "The token's id (from token list) or its name.")
        String token;

        @Override
        public Integer call() throws ConfigurationException {
            TokenStore store = new TokenStore(file.resolve());
            if (store.revoke(token)) {
                System.out.println("revoked " + token);
                return 0;
            }
            System.err.println("no token with id or name '" + token + "' in " + store.file());
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
