package io.leaseledger.server;

import javax.management.JMException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ends C2's compilations once the warm-up has run: from then on a method HotSpot would compile
 * with C2 is compiled with C1 (its tier-1 code, without profiling) instead, and what C2 compiled
 * during the warm-up stays.
 *
 * <p>Why: C2's code for the packet path costs about 30 % less CPU per DORA than C1's, but a
 * server that lets C2 work on after the warm-up spends seconds of a core in its first 10–30 s of
 * real traffic compiling (Netty's socket path, which the warm-up does not go through, and methods
 * whose warm-up profile real packets contradict), on the cores the packets need; C1 alone
 * compiles nothing expensive but runs the path 1.4 times slower (docs/benchmarks.md, "C2 for the
 * warm-up, C1 after it"). The cut-off keeps C2's code for what the warm-up compiled and C1's cheap
 * compilations for the rest.
 *
 * <p>How: a compiler directive excluding every method from C2 (HotSpot's
 * {@code Compiler.directives_add}, what {@code jcmd PID Compiler.directives_add FILE} does),
 * through the platform MBean server. HotSpot marks a method it refuses to C2 as not compilable at
 * that level and compiles it at tier 1. It cannot be undone for those methods, so it is for the
 * life of the process.
 *
 * <p>Asked for by the launcher ({@code -Dleaseledger.jit.c2=warm-up}, bin/leaseledger serve), so
 * that a node started inside another JVM (tests, embedding) leaves that JVM's compiler alone.
 */
final class C2Cutoff {
    static final String PROPERTY = "leaseledger.jit.c2";
    static final String AFTER_WARM_UP = "warm-up";
    static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    private C2Cutoff() {
    }

    /** Whether this JVM was started to stop C2 after the warm-up. */
    static boolean requested() {
        return AFTER_WARM_UP.equals(System.getProperty(PROPERTY));
    }

    /**
     * Adds the directive; returns HotSpot's answer ("1 compiler directives added"), or empty when
     * this JVM has no such command (not HotSpot) or refused it — C2 then simply goes on.
     */
    static Optional<String> apply() {
        Path file = null;
        try {
            file = Files.createTempFile("leaseledger-c2-cutoff-", ".json");
            Files.writeString(file, DIRECTIVE);
            String text = DiagnosticCommands.invoke("compilerDirectivesAdd", file.toString()).strip();
            return text.contains("added") ? Optional.of(text) : Optional.empty();
        } catch (JMException | IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a few bytes in the temporary directory
                }
            }
        }
    }
}
