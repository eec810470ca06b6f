package io.leaseledger.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops processes this JVM started, by PID only: politely first, then forcibly. */
final class Processes {
    private Processes() {}

    /**
     * SIGTERM to the process, up to {@code grace} to exit; then SIGTERM to whatever of its
     * descendants (ours: it started them) outlived it, and SIGKILL after a short wait. The
     * parent goes first because it may need its children to shut down cleanly: tshark has
     * dumpcap flush the capture file only if dumpcap is not killed under it.
     */
    static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(2));
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        for (ProcessHandle child : descendants) {
            if (!awaitExit(child, Duration.ofSeconds(2))) {
                child.destroyForcibly();
                awaitExit(child, Duration.ofSeconds(2));
            }
        }
        if (process.isAlive()) {
            System.err.println("llt: process " + process.pid() + " survived SIGKILL");
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return !p.isAlive();
        }
    }
}
