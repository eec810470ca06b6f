package io.leaseledger.groupcommit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a batch runs: on the thread its packets were read on while the subnet keeps up, else on a worker. */
class SubnetMailboxReadingThreadTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(2, named("worker"));
    private final ExecutorService reader = Executors.newSingleThreadExecutor(named("reader"));
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(named("delays"));
    private final List<Ran> ran = new CopyOnWriteArrayList<>();

    /** A batch, and the thread it ran on. */
    private record Ran(String thread, List<Integer> batch) {}

    @AfterEach
    void stop() {
        workers.shutdownNow();
        reader.shutdownNow();
        delays.shutdownNow();
    }

    @Test
    void whileWhatIsWaitingFitsInAFewBatchesTheyRunOnTheReadingThreadAfterItsReads() throws Exception {
        SubnetMailbox<Integer, Integer> mailbox = mailbox(4, Duration.ZERO);

        // One turn of the reading thread: ten packets read, then its queued work runs.
        List<CompletableFuture<Integer>> decided = reader.submit(() -> submitAll(mailbox, 0, 10)).get(5, TimeUnit.SECONDS);

        assertThat(decided.stream().map(CompletableFuture::join)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(ran).containsExactly(
                new Ran("reader", List.of(0, 1, 2, 3)),
                new Ran("reader", List.of(4, 5, 6, 7)),
                new Ran("reader", List.of(8, 9)));
    }

    @Test
    void aLargerBacklogGoesToTheWorkersAndTheReadingThreadBackToReading() throws Exception {
        int batchLimit = 4;
        int packets = batchLimit * (SubnetMailbox.READING_THREAD_BATCHES + 1) + 5;   // 25
        SubnetMailbox<Integer, Integer> mailbox = mailbox(batchLimit, Duration.ZERO);

        List<CompletableFuture<Integer>> decided = reader.submit(() -> submitAll(mailbox, 0, packets)).get(5, TimeUnit.SECONDS);

        assertThat(decided.stream().map(CompletableFuture::join)).hasSize(packets).isSorted();
        // The first batch was queued on the reader at the first packet. After it 21 were waiting,
        // more than four batches: the workers took the next two; from 13 on, the reader again.
        assertThat(ran).extracting(Ran::thread)
                .containsExactly("reader", "worker", "worker", "reader", "reader", "reader", "reader");
        assertThat(ran).extracting(r -> r.batch().size()).containsExactly(4, 4, 4, 4, 4, 4, 1);
    }

    @Test
    void packetsWithoutAReadingThreadAreDecidedOnTheWorkers() throws Exception {
        SubnetMailbox<Integer, Integer> mailbox = mailbox(64, Duration.ZERO);

        assertThat(mailbox.submit(7).get(5, TimeUnit.SECONDS)).isEqualTo(7);

        assertThat(ran).containsExactly(new Ran("worker", List.of(7)));
    }

    @Test
    void aReadingThreadThatTakesNoMoreWorkLeavesTheBatchToTheWorkers() throws Exception {
        SubnetMailbox<Integer, Integer> mailbox = mailbox(64, Duration.ZERO);
        ExecutorService stopped = Executors.newSingleThreadExecutor(named("stopped"));
        stopped.shutdown();

        assertThat(mailbox.submit(1, stopped).get(5, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(ran).containsExactly(new Ran("worker", List.of(1)));
    }

    @Test
    void aBatchThatWaitedForCompanionsStillRunsOnTheReadingThread() throws Exception {
        SubnetMailbox<Integer, Integer> mailbox = mailbox(64, Duration.ofMillis(5));
        reader.submit(() -> mailbox.submit(1, reader)).get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);

        // Busy now (it has just committed): a lone packet waits for companions, then starts from the scheduler.
        CompletableFuture<Integer> second = reader.submit(() -> mailbox.submit(2, reader)).get(5, TimeUnit.SECONDS);

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(ran).containsExactly(new Ran("reader", List.of(1)), new Ran("reader", List.of(2)));
    }

    private SubnetMailbox<Integer, Integer> mailbox(int batchLimit, Duration commitDelay) {
        return new SubnetMailbox<>("s1", batch -> {
            ran.add(new Ran(Thread.currentThread().getName(), batch));
            return batch;
        }, workers, batchLimit, 1_024, new MailboxStats(), commitDelay, Duration.ZERO, delays, System::nanoTime);
    }

    private List<CompletableFuture<Integer>> submitAll(SubnetMailbox<Integer, Integer> mailbox, int from, int to) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(mailbox.submit(i, reader));
        }
        return futures;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
