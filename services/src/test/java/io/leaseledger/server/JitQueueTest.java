package io.leaseledger.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the warm-up reads to know whether the JIT is done: HotSpot's Compiler.queue report. */
class JitQueueTest {
    @Test
    void countsTheMethodsBeingCompiledAndThoseWaiting() {
        String report = """
                Current compiles:\s
                C2 CompilerThread0  1433   !   4       com.example.Reader::classSigToType (530 bytes)

                C1 compile queue:
                Empty

                C2 compile queue:
                1435       4       java.lang.String::<init> (74 bytes)
                1436       4       java.lang.String::lastIndexOf (29 bytes)

                """;

        assertThat(JitQueue.pendingIn(report)).isEqualTo(3);
    }

    @Test
    void aJitWithNothingToDoHasNothingPending() {
        String report = """
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """;

        assertThat(JitQueue.pendingIn(report)).isZero();
    }

    @Test
    void thisJvmsQueueCanBeRead() throws Exception {
        assertThat(JitQueue.ofThisJvm()).hasValueSatisfying(queue -> {
            try {
                assertThat(queue.pending()).isNotNegative();
            } catch (javax.management.JMException e) {
                throw new AssertionError(e);
            }
        });
    }
}
