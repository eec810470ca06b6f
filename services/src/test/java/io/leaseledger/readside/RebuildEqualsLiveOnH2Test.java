package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;

import java.nio.file.Path;
import java.util.Optional;

class RebuildEqualsLiveOnH2Test extends RebuildEqualsLiveContract {
    @Override
    ProjectionsConfiguration projections(Path data) {
        return new ProjectionsConfiguration(true, "h2", data, Optional.empty(), Optional.empty(), Optional.empty(),
                500, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
    }

    @Override
    void dropProjections() {
        // The H2 file goes with the temp directory.
    }
}
