package io.leaseledger.it.harness;

import java.time.Duration;

/**
 * The socat that makes PostgreSQL reachable at 127.0.0.1:5432 inside a namespace
 * ({@link PostgresDatabases#forwarder}), which a test can take away and start again: what a
 * PostgreSQL restart or failover looks like to the server in that namespace, without touching the
 * PostgreSQL every other test shares.
 */
final class PostgresForwarder {
    private static final Duration READY_LIMIT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Lab lab;
    private final NetworkNamespace ns;
    private final PostgresDatabases databases;
    private int generation;
    private ChildProcess socat;

    PostgresForwarder(Lab lab, NetworkNamespace ns, PostgresDatabases databases) {
        this.lab = lab;
        this.ns = ns;
        this.databases = databases;
    }

    /** Starts socat and waits until it listens. */
    void start() {
        socat = lab.start(ns, "postgres-forwarder" + (generation++ == 0 ? "" : "-" + generation), databases.forwarder());
        Readiness.awaitTcpListener(ns, socat, PostgresDatabases.PORT, READY_LIMIT);
    }

    /**
     * Nothing in the namespace reaches PostgreSQL any more: socat is killed (by PID: new
     * connections are refused) and the sessions of both databases are ended, as a restart ends
     * them (socat's child for each connection exits with it).
     */
    void stop() {
        socat.killNow(STOP_LIMIT);
        databases.endSessions();
    }
}
