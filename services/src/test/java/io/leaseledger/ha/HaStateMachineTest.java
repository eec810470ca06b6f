package io.leaseledger.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.HaConfiguration;
import io.leaseledger.config.HaConfiguration.Role;
import io.leaseledger.events.types.MacAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pair's rules, one node's side: who answers, told what the feed and the heartbeats found. */
class HaStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final MacAddress A = MacAddress.parse("52:54:00:00:00:0a");
    private static final MacAddress B = MacAddress.parse("52:54:00:00:00:0b");

    private static HaConfiguration config(Role role, int maxUnacked) {
        return new HaConfiguration(role, "partner", Duration.ofSeconds(1), Duration.ofSeconds(10), maxUnacked,
                Duration.ofSeconds(10), Duration.ofSeconds(60), HaConfiguration.DEFAULT_HEARTBEAT_TOPIC,
                "leaseledger.leases");
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static HaStateMachine.PartnerHeartbeat beat(HaState state, boolean published, Instant at) {
        return new HaStateMachine.PartnerHeartbeat(state, published, at);
    }

    @Test
    void bothRolesAnswerNobodyUntilThePartnersStreamWasReadToItsEnd() {
        var primary = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        var standby = new HaStateMachine(config(Role.STANDBY, 0), T0);
        assertThat(primary.tick(t(5))).isEqualTo(HaState.WAITING);
        assertThat(standby.tick(t(5))).isEqualTo(HaState.WAITING);
        assertThat(primary.answers()).isFalse();
        primary.heartbeat(beat(HaState.STANDBY, true, t(5)));
        standby.heartbeat(beat(HaState.SERVING, true, t(5)));
        primary.caughtUp(t(6));
        standby.caughtUp(t(6));
        assertThat(primary.tick(t(6))).isEqualTo(HaState.SERVING);
        assertThat(standby.tick(t(6))).isEqualTo(HaState.STANDBY);
        assertThat(primary.answers()).isTrue();
        assertThat(standby.answers()).isFalse();
    }

    @Test
    void thePartnersFirstHeartbeatIsAwaitedUntilItComesOrIsOverdue() {
        var heard = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        var silent = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        assertThat(heard.awaitingFirstHeartbeat(t(3))).isTrue();
        heard.heartbeat(beat(HaState.STANDBY, true, t(3)));
        assertThat(heard.awaitingFirstHeartbeat(t(4))).isFalse();
        assertThat(silent.awaitingFirstHeartbeat(t(9))).isTrue();
        assertThat(silent.awaitingFirstHeartbeat(t(10))).as("max-response-delay passed").isFalse();
    }

    @Test
    void aStartWithoutKafkaGoesOnAfterTheSyncTimeout() {
        var standby = new HaStateMachine(config(Role.STANDBY, 0), T0);
        assertThat(standby.tick(t(59))).isEqualTo(HaState.WAITING);
        assertThat(standby.tick(t(60))).isEqualTo(HaState.PARTNER_DOWN);
        assertThat(standby.syncTimedOut()).isTrue();
    }

    @Test
    void theReadyPrimaryWaitsUntilTheStandbyStandsByWithAllItDecidedPublishedAndRead() {
        var primary = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        primary.caughtUp(t(1));
        primary.heartbeat(beat(HaState.PARTNER_DOWN, true, t(1)));
        assertThat(primary.tick(t(1))).isEqualTo(HaState.READY);
        // The standby heard us and stands by, but its last grants are not published yet.
        primary.heartbeat(beat(HaState.STANDBY, false, t(2)));
        assertThat(primary.tick(t(2))).isEqualTo(HaState.READY);
        // Published, but this node has not read its stream to the end since.
        primary.heartbeat(beat(HaState.STANDBY, true, t(3)));
        assertThat(primary.tick(t(3))).isEqualTo(HaState.READY);
        primary.caughtUp(t(4));
        assertThat(primary.tick(t(4))).isEqualTo(HaState.SERVING);
    }

    @Test
    void aStandbyThatNeverSaysAllIsPublishedKeepsThePrimaryReadyOnlyForTheSyncTimeout() {
        var primary = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        primary.caughtUp(t(1));
        primary.heartbeat(beat(HaState.STANDBY, false, t(1)));
        assertThat(primary.tick(t(1))).isEqualTo(HaState.READY);
        for (long s = 2; s < 61; s++) {
            primary.heartbeat(beat(HaState.STANDBY, false, t(s)));
            assertThat(primary.tick(t(s))).as("at %d s", s).isEqualTo(HaState.READY);
        }
        primary.heartbeat(beat(HaState.STANDBY, false, t(61)));
        assertThat(primary.tick(t(61))).isEqualTo(HaState.SERVING);
    }

    @Test
    void theReadyPrimaryServesAtOnceWhenTheStandbyIsUnheardOrStillStarting() {
        var alone = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        alone.caughtUp(t(1));
        assertThat(alone.tick(t(1))).isEqualTo(HaState.READY);
        assertThat(alone.tick(t(10))).isEqualTo(HaState.SERVING);

        var both = new HaStateMachine(config(Role.PRIMARY, 0), T0);
        both.caughtUp(t(1));
        both.heartbeat(beat(HaState.WAITING, true, t(1)));
        assertThat(both.tick(t(1))).isEqualTo(HaState.SERVING);
    }

    @Test
    void theStandbyTakesOverOnlyWhenThePrimaryIsUnheardAndClientsGoUnanswered() {
        var standby = new HaStateMachine(config(Role.STANDBY, 2), T0);
        standby.caughtUp(t(0));
        standby.heartbeat(beat(HaState.SERVING, true, t(0)));
        assertThat(standby.tick(t(1))).isEqualTo(HaState.STANDBY);
        // Unheard for 10 s, but nobody is left unanswered: a partner that is only cut off from Kafka.
        assertThat(standby.tick(t(20))).isEqualTo(HaState.STANDBY);
        standby.unanswered(A, 3, t(20)); // retrying for only 3 s: not counted
        standby.unanswered(A, 12, t(21));
        standby.unanswered(A, 14, t(22)); // the same client twice counts once
        assertThat(standby.unackedClients()).isEqualTo(1);
        assertThat(standby.tick(t(22))).isEqualTo(HaState.STANDBY);
        standby.unanswered(B, 10, t(23));
        assertThat(standby.tick(t(23))).isEqualTo(HaState.PARTNER_DOWN);
        assertThat(standby.answers()).isTrue();
    }

    @Test
    void clientsUnansweredWhileThePrimaryIsHeardDoNotCount() {
        var standby = new HaStateMachine(config(Role.STANDBY, 1), T0);
        standby.caughtUp(t(0));
        standby.heartbeat(beat(HaState.SERVING, true, t(5)));
        standby.tick(t(5));
        standby.unanswered(A, 30, t(6));
        assertThat(standby.unackedClients()).isZero();
        // A heartbeat forgets what was counted: the primary answers again.
        standby.unanswered(A, 30, t(20));
        assertThat(standby.unackedClients()).isEqualTo(1);
        standby.heartbeat(beat(HaState.SERVING, true, t(20)));
        assertThat(standby.unackedClients()).isZero();
        assertThat(standby.tick(t(20))).isEqualTo(HaState.STANDBY);
    }

    @Test
    void theStandbyStandsByAgainWhenTheCaughtUpPrimaryIsHeard() {
        var standby = new HaStateMachine(config(Role.STANDBY, 0), T0);
        standby.caughtUp(t(0));
        assertThat(standby.tick(t(10))).isEqualTo(HaState.PARTNER_DOWN);
        // The primary is back but still reading this node's stream: keep answering.
        standby.heartbeat(beat(HaState.WAITING, true, t(30)));
        assertThat(standby.tick(t(30))).isEqualTo(HaState.PARTNER_DOWN);
        standby.heartbeat(beat(HaState.READY, true, t(31)));
        assertThat(standby.tick(t(31))).isEqualTo(HaState.STANDBY);
        assertThat(standby.answers()).isFalse();
    }
}
