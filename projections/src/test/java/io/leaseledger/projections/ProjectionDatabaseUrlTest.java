package io.leaseledger.projections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the projections add to a configured JDBC URL before opening it. */
class ProjectionDatabaseUrlTest {
    @Test
    void anH2UrlGetsLowerCaseNamesAndIsNotClosedByH2sOwnShutdownHook() {
        assertThat(ProjectionDatabase.normalisedUrl("jdbc:h2:file:/srv/projections"))
                .isEqualTo("jdbc:h2:file:/srv/projections;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void whatTheUrlAlreadySaysIsKept() {
        assertThat(ProjectionDatabase.normalisedUrl("jdbc:h2:file:/p;database_to_lower=true;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:file:/p;database_to_lower=true;DB_CLOSE_ON_EXIT=TRUE");
    }

    @Test
    void aPostgresUrlIsLeftAlone() {
        assertThat(ProjectionDatabase.normalisedUrl("jdbc:postgresql://db/projections"))
                .isEqualTo("jdbc:postgresql://db/projections");
    }
}
