package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ArpSighting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ARP probe before an OFFER: who answers, who does not count, what a failed send does. */
class ConflictProbeTest {
    private static final Ipv4Address SENDER = Ipv4Address.parse("198.18.7.1");
    private static final Ipv4Address OFFERED = Ipv4Address.parse("198.18.7.10");
    private static final MacAddress CLIENT = MacAddress.parse("52:54:00:00:00:01");
    private static final MacAddress SQUATTER = MacAddress.parse("52:54:00:00:00:99");

    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void anotherDeviceAnsweringIsTheProbesAnswerAtOnce() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofSeconds(10), this::record)) {
            var answer = probe.probe("eth1", SENDER, OFFERED, CLIENT);
            probe.accept(new ArpSighting("eth1", OFFERED, SQUATTER));

            assertThat(answer.get(1, TimeUnit.SECONDS)).contains(SQUATTER);
            assertThat(asked).containsExactly("eth1 198.18.7.1 -> 198.18.7.10");
            assertThat(probe.counted(ConflictProbe.Outcome.IN_USE)).isEqualTo(1);
        }
    }

    @Test
    void silenceOrTheClientItselfOrAnotherAddressMeansFreeAfterTheWait() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofMillis(100), this::record)) {
            var answer = probe.probe("eth1", SENDER, OFFERED, CLIENT);
            probe.accept(new ArpSighting("eth1", OFFERED, CLIENT));
            probe.accept(new ArpSighting("eth1", Ipv4Address.parse("198.18.7.11"), SQUATTER));

            assertThat(answer.get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(probe.counted(ConflictProbe.Outcome.FREE)).isEqualTo(1);
            assertThat(probe.counted(ConflictProbe.Outcome.IN_USE)).isZero();
        }
    }

    @Test
    void aRetransmissionWaitsForTheProbeAlreadyAskingInsteadOfAskingAgain() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofSeconds(10), this::record)) {
            var first = probe.probe("eth1", SENDER, OFFERED, CLIENT);
            var again = probe.probe("eth1", SENDER, OFFERED, CLIENT);
            probe.accept(new ArpSighting("eth1", OFFERED, SQUATTER));

            assertThat(again).isSameAs(first);
            assertThat(again.get(1, TimeUnit.SECONDS)).contains(SQUATTER);
            assertThat(asked).hasSize(1);
        }
    }

    @Test
    void aRequestThatCannotBeSentLetsTheOfferGoAndIsCounted() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofSeconds(10), (iface, sender, target) -> {
            throw new java.io.IOException("no interface " + iface);
        })) {
            assertThat(probe.probe("gone0", SENDER, OFFERED, CLIENT).get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(probe.counted(ConflictProbe.Outcome.FAILED)).isEqualTo(1);
            // Nothing left waiting: the next probe asks again.
            assertThat(probe.probe("gone0", SENDER, OFFERED, CLIENT).get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(probe.counted(ConflictProbe.Outcome.FAILED)).isEqualTo(2);
        }
    }

    @Test
    void closingReleasesTheOffersStillWaiting() throws Exception {
        var probe = new ConflictProbe(Duration.ofSeconds(10), this::record);
        var answer = probe.probe("eth1", SENDER, OFFERED, CLIENT);
        probe.close();

        assertThat(answer.get(1, TimeUnit.SECONDS)).isEqualTo(Optional.empty());
    }

    private void record(String iface, Ipv4Address sender, Ipv4Address target) {
        asked.add(iface + " " + sender + " -> " + target);
    }
}
