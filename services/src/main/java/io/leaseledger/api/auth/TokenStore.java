package io.leaseledger.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API tokens, kept hashed in one JSON file (mode 0600). The CLI writes it (create, revoke)
 * while the server may be running; the server re-reads it when its modification time or size
 * changes, so a revoked token stops working at the next request, without a restart.
 *
 * <p>Writes go to a temporary file in the same directory and are moved over the old one, so a
 * reader never sees half a file. Two CLI writers at the same instant are not coordinated (the
 * last one wins); tokens are created by hand, rarely.
 */
public final class TokenStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private volatile Loaded loaded = new Loaded(null, -1, Map.of(), List.of());

    private record Loaded(FileTime modified, long size, Map<String, ApiToken> bySha256, List<ApiToken> tokens) {}

    public TokenStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /** Every token, in creation order. */
    public List<ApiToken> list() {
        return current().tokens();
    }

    /** The token this secret string is, if it is one. */
    public Optional<ApiToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(TokenSecrets.PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().bySha256().get(TokenSecrets.sha256(presented)));
    }

    /** Creates a token; the returned secret is the only time it exists outside the client. */
    public synchronized TokenSecrets.NewSecret create(String name, Role role, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a token needs a name (who or what uses it)");
        }
        TokenSecrets.NewSecret secret = TokenSecrets.generate();
        List<ApiToken> tokens = new ArrayList<>(read());
        tokens.add(new ApiToken(secret.id(), name.strip(), role, TokenSecrets.sha256(secret.token()), now));
        write(tokens);
        return secret;
    }

    /** Removes the token with this id (or name); false when there is none. */
    public synchronized boolean revoke(String idOrName) {
        List<ApiToken> tokens = new ArrayList<>(read());
        boolean removed = tokens.removeIf(t -> t.id().equals(idOrName) || t.name().equals(idOrName));
        if (removed) {
            write(tokens);
        }
        return removed;
    }

    private Loaded current() {
        Loaded now = loaded;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(now.modified()) && size == now.size()) {
                return now;
            }
            List<ApiToken> tokens = read();
            Loaded next = new Loaded(modified, size,
                    tokens.stream().collect(Collectors.toUnmodifiableMap(ApiToken::sha256, Function.identity(), (a, b) -> a)),
                    List.copyOf(tokens));
            loaded = next;
            return next;
        } catch (NoSuchFileException e) {
            Loaded empty = new Loaded(null, -1, Map.of(), List.of());
            loaded = empty;
            return empty;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API tokens file " + file, e);
        }
    }

    private List<ApiToken> read() {
        try {
            return JSON.readValue(Files.readAllBytes(file), new TypeReference<List<ApiToken>>() {});
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API tokens file " + file + " is not valid: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API tokens file " + file, e);
        }
    }

    private void write(List<ApiToken> tokens) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".api-tokens", ".tmp");
            try {
                setOwnerOnly(temp);
                Files.write(temp, JSON.writeValueAsBytes(tokens));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API tokens file " + file, e);
        }
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: the directory's permissions are all there is.
        }
    }
}
