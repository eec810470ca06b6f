package io.leaseledger.leaseimport;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.store.ImportedLeaseFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a lease file over into this node's store once per content: {@code serve --import-leases}
 * before the node answers, and {@code POST /api/v1/lease-imports} while it serves. The SHA-256 of
 * what was read is recorded beside the events ({@link ImportedLeaseFiles}); a file imported before
 * is imported again only when asked. One import at a time, so that two requests with the same file
 * cannot both find it new. What an import did is logged: its summary, and a line per lease not
 * taken or entry not read (the first 200 of each).
 */
public final class LeaseImporter {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseImporter.class);
    /** Lines of each list (leases not taken, entries not read) the log and the API's answer give; the rest are counted. */
    public static final int REPORTED_LINES = 200;

    /** What became of the file. */
    public sealed interface Outcome permits Imported, AlreadyImported {}

    /** Its leases went to their subnets: what each made of them. */
    public record Imported(LeaseImport.Result result) implements Outcome {}

    /** The same content was imported at {@code at}, and again was not asked for: nothing done. */
    public record AlreadyImported(Instant at) implements Outcome {}

    private final ImportedLeaseFiles imported;
    private final SettingsView settings;
    private final CommandGateway commands;

    public LeaseImporter(DataSource store, SettingsView settings, CommandGateway commands) {
        this.imported = new ImportedLeaseFiles(store);
        this.settings = settings;
        this.commands = commands;
    }

    /**
     * Imports {@code file} (whose content has digest {@code sha256}, called {@code name} in the
     * record and the log) at {@code at}, unless it was imported before and {@code again} is false.
     */
    public synchronized Outcome run(ForeignLeaseFile file, String sha256, String name, boolean again, Instant at) {
        Optional<Instant> before = imported.importedAt(sha256);
        if (before.isPresent() && !again) {
            return new AlreadyImported(before.get());
        }
        LeaseImport.Result result = LeaseImport.run(file,
                address -> settings.subnetContaining(address).map(ConfiguredSubnet::id),
                commands::sendAndWait, at);
        imported.record(sha256, name, at, result.imported());
        LOG.info("imported {}", result.summary(name));
        result.notImported().stream().limit(REPORTED_LINES).forEach(line -> LOG.warn("lease not imported: {}", line));
        result.unreadable().stream().limit(REPORTED_LINES).forEach(line -> LOG.warn("lease file entry not read: {}", line));
        long more = result.linesBeyond(REPORTED_LINES);
        if (more > 0) {
            LOG.warn("... and {} more such lines", more);
        }
        return new Imported(result);
    }

    /** The digest of {@code texts} read in this order (each one's end marked, so that the same bytes split otherwise differ). */
    public static String sha256(List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
