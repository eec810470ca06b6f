package io.leaseledger.it.harness;

import java.time.Duration;

/**
 * When a server is ready: its process has bound UDP port 67 inside its namespace. This holds
 * for any server, needs no request that would take an address from a one-address pool, and
 * {@code ss -p} ties the socket to the PID we started.
 */
final class Readiness {
    private Readiness() {}

    static void awaitPort67(NetworkNamespace ns, ChildProcess server, Duration timeout) {
        server.awaitOrFail("UDP port 67 bound in " + ns, timeout, () -> {
            CommandResult ss = ns.exec("ss", "-H", "-u", "-a", "-n", "-p", "sport = :67");
            return ss.succeeded() && ss.stdout().contains("pid=" + server.pid() + ",");
        });
    }

    /** The same for a TCP listener: {@code process} listens on {@code port} inside {@code ns}. */
    static void awaitTcpListener(NetworkNamespace ns, ChildProcess process, int port, Duration timeout) {
        process.awaitOrFail("TCP port " + port + " listening in " + ns, timeout, () -> {
            CommandResult ss = ns.exec("ss", "-H", "-t", "-l", "-n", "-p", "sport = :" + port);
            return ss.succeeded() && ss.stdout().contains("pid=" + process.pid() + ",");
        });
    }
}
