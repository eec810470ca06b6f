package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tablespace of the local PostgreSQL in a directory the test owns (on a disk of its own,
 * {@link PowerCutDisk}), so that a test can fill the disk under a database without touching
 * PostgreSQL's data directory, where its write-ahead log stays: the shared server goes on for
 * every other test, only the relations of the databases made in this tablespace cannot grow.
 * Dropped on close, after the databases in it (the lab closes what it made last first).
 */
public final class PostgresTablespace implements AutoCloseable {
    private final String name;
    private final Cleanup.Action drop;

    private PostgresTablespace(String name, Cleanup.Action drop) {
        this.name = name;
        this.drop = drop;
    }

    /**
     * A tablespace in {@code <mountPoint>/tablespace}, owned by the user PostgreSQL's server runs
     * as (the owner of the socket it made). That user must pass through every directory above it:
     * the lab's directory is its owner's only, so it gets {@code o+x}.
     */
    static PostgresTablespace create(Path mountPoint) {
        PostgresDatabases.assumePostgres();
        Path location = mountPoint.resolve("tablespace");
        try {
            Files.createDirectories(location);
            Files.setOwner(location, Files.getOwner(PostgresDatabases.unixSocket()));
            for (Path dir = mountPoint; dir != null; dir = dir.getParent()) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(dir, permissions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "leaseledger_it_ts_" + Names.unique().substring("llt".length());
        Cleanup.Action drop = Cleanup.register("drop tablespace " + name,
                () -> PostgresDatabases.admin("DROP TABLESPACE IF EXISTS " + name));
        PostgresDatabases.admin("CREATE TABLESPACE " + name + " LOCATION '" + location + "'");
        return new PostgresTablespace(name, drop);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        drop.run();
    }
}
