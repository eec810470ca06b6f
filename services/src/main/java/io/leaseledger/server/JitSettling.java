package io.leaseledger.server;

import javax.management.JMException;
import java.lang.management.CompilationMXBean;
import java.util.Optional;

/**
 * Whether the JIT has settled: two rounds in a row each added less than {@link Warmup#SETTLED_MILLIS}
 * of compilation and ended with at most {@link Warmup#SETTLED_PENDING} methods queued. Both, where
 * both can be read: the queue can be empty at the end of a round whose own compilations
 * finished within it (C1's, quick), and the finished compilation time can stand still while
 * C2 works on one large method. Where neither can be read, never.
 */
final class JitSettling {
    private final CompilationMXBean jit;
    private final boolean jitTimed;
    private final Optional<JitQueue> queue;
    private long compiledBefore;
    private int settledRounds;

    JitSettling(CompilationMXBean jit, boolean jitTimed, Optional<JitQueue> queue) {
        this.jit = jit;
        this.jitTimed = jitTimed;
        this.queue = queue;
        reset();
    }

    JitSettling reset() {
        compiledBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
        settledRounds = 0;
        return this;
    }

    boolean settledAfterRound() throws JMException {
        if (queue.isEmpty() && !jitTimed) {
            return false;
        }
        boolean settled = true;
        if (queue.isPresent()) {
            settled = queue.get().pending() <= Warmup.SETTLED_PENDING;
        }
        if (jitTimed) {
            long compiled = jit.getTotalCompilationTime();
            settled &= compiled - compiledBefore < Warmup.SETTLED_MILLIS;
            compiledBefore = compiled;
        }
        settledRounds = settled ? settledRounds + 1 : 0;
        return settledRounds >= 2;
    }
}
