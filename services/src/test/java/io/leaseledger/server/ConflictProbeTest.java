package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.icmp.EchoMessages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The probe before an OFFER, by ARP and by ICMP echo: who answers, who does not count, what a failed send does. */
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

            assertThat(answer.get(1, TimeUnit.SECONDS)).contains(new ConflictProbe.Answer(SQUATTER));
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
            assertThat(again.get(1, TimeUnit.SECONDS)).contains(new ConflictProbe.Answer(SQUATTER));
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

    @Test
    void anEchoReplyFromTheAddressIsAnAnswerWithoutADevice() throws Exception {
        List<String> echoed = new CopyOnWriteArrayList<>();
        try (var probe = new ConflictProbe(Duration.ofSeconds(10), null,
                (target, identifier, sequence) -> echoed.add(target + " #" + sequence))) {
            var answer = probe.probeByEcho(OFFERED);
            probe.acceptEcho(new EchoMessages.EchoReply(Ipv4Address.parse("198.18.7.11"), probe.echoIdentifier(), 1));
            probe.acceptEcho(new EchoMessages.EchoReply(OFFERED, probe.echoIdentifier() ^ 1, 1));
            assertThat(answer).isNotDone();

            probe.acceptEcho(new EchoMessages.EchoReply(OFFERED, probe.echoIdentifier(), 1));

            assertThat(answer.get(1, TimeUnit.SECONDS)).contains(new ConflictProbe.Answer(null));
            assertThat(echoed).containsExactly("198.18.7.10 #1");
            assertThat(probe.counted(ConflictProbe.Method.ICMP, ConflictProbe.Outcome.IN_USE)).isEqualTo(1);
            assertThat(probe.counted(ConflictProbe.Method.ARP, ConflictProbe.Outcome.IN_USE)).isZero();
            assertThat(probe.asksByArp()).isFalse();
            assertThat(probe.asksByEcho()).isTrue();
        }
    }

    @Test
    void anUnansweredEchoIsFreeAfterTheWaitAndAFailedOneLetsTheOfferGo() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofMillis(100), null, (target, identifier, sequence) -> { })) {
            assertThat(probe.probeByEcho(OFFERED).get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(probe.counted(ConflictProbe.Method.ICMP, ConflictProbe.Outcome.FREE)).isEqualTo(1);
        }
        try (var probe = new ConflictProbe(Duration.ofSeconds(10), null, (target, identifier, sequence) -> {
            throw new java.io.IOException("network unreachable");
        })) {
            assertThat(probe.probeByEcho(OFFERED).get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(probe.counted(ConflictProbe.Method.ICMP, ConflictProbe.Outcome.FAILED)).isEqualTo(1);
        }
    }

    private void record(String iface, Ipv4Address sender, Ipv4Address target) {
        asked.add(iface + " " + sender + " -> " + target);
    }
}
