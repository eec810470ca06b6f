package io.leaseledger.projections;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The database the projections live in: H2 (a file beside the event store, by default) or
 * PostgreSQL. {@link #migrate} brings the schema up to date with the Flyway scripts in
 * {@code db/projections}; {@link #dsl} gives the jOOQ context every projection and query uses.
 */
public final class ProjectionDatabase {
    /** Where the migrations are on the classpath. */
    public static final String MIGRATIONS = "classpath:db/projections";

    static {
        // jOOQ prints a banner and a "tip of the day" into the server's log otherwise.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private ProjectionDatabase() {}

    /** The embedded default: H2 file {@code projections} in {@code dataDirectory}. */
    public static String h2Url(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("projections") + ";DATABASE_TO_LOWER=TRUE";
    }

    /**
     * The URL as the projections need it. An H2 URL gets {@code DATABASE_TO_LOWER=TRUE} (unquoted
     * names in lower case, as on PostgreSQL, so the same SQL runs on both) if it does not say it,
     * and {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise: H2's own shutdown hook would
     * close the database under the projection tail while the node is still stopping it in order.
     */
    public static String normalisedUrl(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String normalised = upper.contains("DATABASE_TO_LOWER=TRUE") ? url : url + ";DATABASE_TO_LOWER=TRUE";
        return upper.contains(";DB_CLOSE_ON_EXIT=") ? normalised : normalised + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public static SQLDialect dialect(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        throw new IllegalArgumentException("projections: only jdbc:h2: and jdbc:postgresql: URLs are supported, got " + jdbcUrl);
    }

    /** Applies the pending migrations; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table("projection_schema_history")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    public static DSLContext dsl(DataSource dataSource, SQLDialect dialect) {
        Settings settings = new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false);
        return DSL.using(dataSource, dialect, settings);
    }
}
