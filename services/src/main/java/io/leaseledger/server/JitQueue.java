package io.leaseledger.server;

import javax.management.JMException;
import java.util.Optional;

/**
 * How much the JIT still has to compile: the methods waiting in the compilers' queues plus those
 * being compiled, read from HotSpot's {@code Compiler.queue} diagnostic command (what
 * {@code jcmd PID Compiler.queue} prints) through the platform MBean server. The compilation time
 * of {@code CompilationMXBean} says only what has finished: C2 spends hundreds of milliseconds on
 * one large method, and a warm-up that waits for that total to stop growing stops while C2's
 * queue still holds hundreds of methods.
 */
final class JitQueue {

    private JitQueue() {
    }

    /** The queue of this JVM, if it offers the diagnostic command (HotSpot does; others may not). */
    static Optional<JitQueue> ofThisJvm() {
        try {
            JitQueue queue = new JitQueue();
            queue.pending();
            return Optional.of(queue);
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Methods queued or being compiled, by all compilers, now. */
    int pending() throws JMException {
        return pendingIn(DiagnosticCommands.invoke("compilerQueue"));
    }

    /**
     * Counts the method lines of {@code Compiler.queue}'s output: under "Current compiles:" one
     * line per compiler thread at work, under each "... compile queue:" one line per waiting
     * method ("Empty" when none).
     */
    static int pendingIn(String report) {
        int pending = 0;
        boolean inSection = false;
        for (String line : report.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Current compiles") || trimmed.endsWith("compile queue:")) {
                inSection = true;
            } else if (inSection && !trimmed.isEmpty() && !trimmed.equals("Empty")) {
                pending++;
            }
        }
        return pending;
    }
}
