package io.leaseledger.ha;

import java.util.Locale;

/** Where a node of a hot-standby pair stands (docs/ha.md, "States"). */
public enum HaState {
    /** Starting: reading the partner's stream to its end before anything else. Answers nobody. */
    WAITING(false),
    /** The primary, caught up, waiting for the standby to stop answering. Answers nobody. */
    READY(false),
    /** The primary, answering every client. */
    SERVING(true),
    /** The standby while the primary lives. Answers nobody. */
    STANDBY(false),
    /** The standby once the primary is down: answering every client. */
    PARTNER_DOWN(true);

    private final boolean answers;

    HaState(boolean answers) {
        this.answers = answers;
    }

    /** Whether a node in this state answers clients. */
    public boolean answers() {
        return answers;
    }

    /** {@code partner-down}: as in heartbeats, metrics and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static HaState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
