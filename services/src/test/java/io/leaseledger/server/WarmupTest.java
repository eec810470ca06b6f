package io.leaseledger.server;

import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up runs real DORAs through the packet path, in a scratch store it leaves nothing of. */
class WarmupTest {
    @TempDir
    Path dir;

    @Test
    void syntheticClientsLeaseThroughThePacketPathAndTheScratchStoreIsGoneAfterwards() {
        Path scratch = dir.resolve("warm-up");

        Optional<Warmup.Outcome> outcome =
                Warmup.run(StoreSettings.h2(dir), scratch, Duration.ofSeconds(2), Clock.systemUTC());

        assertThat(outcome).isPresent();
        // Tests run with C2, whose queue may outlast the budget: then the budget ends the rounds.
        assertThat(outcome.get().rounds()).isBetween(1, Warmup.MAX_ROUNDS);
        // Every client of every round got its ACK: the decisions were made and committed for real.
        assertThat(outcome.get().exchanges()).isEqualTo(outcome.get().rounds() * Warmup.CLIENTS_PER_ROUND);
        assertThat(scratch).doesNotExist();
    }

    @Test
    void theNodesOwnStoreGetsNoEventOfTheWarmUp() {
        StoreSettings node = StoreSettings.h2(dir);
        try (AxonStore store = AxonStore.start(node, List.of(Subnet.class))) {
            Warmup.run(node, dir.resolve("warm-up"), Duration.ofSeconds(2), Clock.systemUTC());
            List<Object> events = new ArrayList<>();
            store.replayAll(events::add);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void aScratchStoreThatCannotBeMadeLeavesTheNodeToServeCold() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the scratch store would go");

        Optional<Warmup.Outcome> outcome =
                Warmup.run(StoreSettings.h2(dir), notADirectory.resolve("warm-up"), Duration.ofSeconds(5), Clock.systemUTC());

        assertThat(outcome).isEmpty();
        assertThat(notADirectory).hasContent("a file where the scratch store would go");
    }

    @Test
    void aZeroBudgetTurnsItOff() {
        assertThat(Warmup.run(StoreSettings.h2(dir), dir.resolve("warm-up"), Duration.ZERO, Clock.systemUTC())).isEmpty();
        assertThat(dir.resolve("warm-up")).doesNotExist();
    }

    @Test
    void theJitChangeComesOnceBetweenRoundsAndRoundsGoOnUnderIt() {
        AtomicInteger changes = new AtomicInteger();

        Optional<Warmup.Outcome> outcome = Warmup.run(StoreSettings.h2(dir), dir.resolve("warm-up"), Duration.ofSeconds(2),
                Clock.systemUTC(), changes::incrementAndGet);

        assertThat(changes).hasValue(1);
        assertThat(outcome).isPresent();
        assertThat(outcome.get().roundsAfterChange()).isBetween(Warmup.MIN_ROUNDS_AFTER_CHANGE, outcome.get().rounds() - 1);
        // Every other round went through a real transport channel on loopback, and every one of its clients got its ACK.
        assertThat(outcome.get().loopbackRounds()).isEqualTo(outcome.get().rounds() / 2);
        assertThat(outcome.get().exchanges()).isEqualTo(outcome.get().rounds() * Warmup.CLIENTS_PER_ROUND);
    }

    @Test
    void withoutAWarmUpOrWhenItFailsTheJitChangeStillComesOnce() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        assertThat(Warmup.run(StoreSettings.h2(dir), dir.resolve("warm-up"), Duration.ZERO, Clock.systemUTC(),
                changes::incrementAndGet)).isEmpty();
        assertThat(changes).hasValue(1);

        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the scratch store would go");
        assertThat(Warmup.run(StoreSettings.h2(dir), notADirectory.resolve("warm-up"), Duration.ofSeconds(5), Clock.systemUTC(),
                changes::incrementAndGet)).isEmpty();
        assertThat(changes).hasValue(2);
    }

    @Test
    void enoughRoundsEndTheWarmUpLongBeforeItsBudgetAndTheChangeFollows() {
        AtomicInteger changes = new AtomicInteger();
        int enough = Warmup.MIN_ROUNDS + 2;

        Optional<Warmup.Outcome> outcome = Warmup.run(StoreSettings.h2(dir), dir.resolve("warm-up"), Duration.ofMinutes(10),
                enough, Clock.systemUTC(), changes::incrementAndGet);

        assertThat(outcome).isPresent();
        assertThat(changes).hasValue(1);
        // At most `enough` rounds before the change (fewer if the JIT settled first), then the rounds under it.
        assertThat(outcome.get().rounds() - outcome.get().roundsAfterChange()).isBetween(Warmup.MIN_ROUNDS, enough);
        assertThat(outcome.get().roundsAfterChange()).isGreaterThanOrEqualTo(Warmup.MIN_ROUNDS_AFTER_CHANGE);
        assertThat(outcome.get().took()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void withoutAJitChangeNoRoundsFollowTheFirstSettling() {
        Optional<Warmup.Outcome> outcome =
                Warmup.run(StoreSettings.h2(dir), dir.resolve("warm-up"), Duration.ofSeconds(2), Clock.systemUTC());
        assertThat(outcome).isPresent();
        assertThat(outcome.get().roundsAfterChange()).isZero();
    }
}
