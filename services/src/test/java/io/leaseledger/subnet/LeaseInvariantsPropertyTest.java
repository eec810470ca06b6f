package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.ClientKey;
import io.leaseledger.events.types.Ipv4Address;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random traffic (six clients, a six-address pool, a reservation, a reserved range, time
 * jumping past offer holds, leases and probations, reclaims in between) never breaks the
 * promises of the aggregate: no address granted to two clients, nothing granted from a
 * reserved range or to a stranger's reservation, nothing offered while in probation.
 */
class LeaseInvariantsPropertyTest {

    private static final List<ClientIdentity> CLIENTS = List.of(ALICE, BOB, CAROL, client("02:00:00:00:00:0d"),
            client("02:00:00:00:00:0e"), client("02:00:00:00:00:0f"));
    private static final List<String> ADDRESSES = List.of("198.18.0.5", "198.18.0.10", "198.18.0.11", "198.18.0.12",
            "198.18.0.13", "198.18.0.14", "198.18.0.15", "198.18.0.100", "10.0.0.1");
    private static final Ipv4Address RESERVED_FOR_FRED = ip("198.18.0.100");

    /** A device that is none of the clients, seen on the wire now and then. */
    private static final io.leaseledger.events.types.MacAddress STRANGER =
            io.leaseledger.events.types.MacAddress.parse("02:00:00:00:00:99");

    /**
     * One step after {@code seconds} more: a message; or, when null, a sighting of {@code seenBy}
     * on {@code seenAddress} if set, else a reclaim.
     */
    record Step(int seconds, ClientMessage message, String seenAddress, io.leaseledger.events.types.MacAddress seenBy) {
        Step(int seconds, ClientMessage message) {
            this(seconds, message, null, null);
        }
    }

    @Provide
    Arbitrary<List<Step>> traffic() {
        Arbitrary<ClientIdentity> clients = Arbitraries.of(CLIENTS);
        Arbitrary<String> addresses = Arbitraries.of(ADDRESSES);
        Arbitrary<ClientMessage> messages = Combinators.combine(Arbitraries.integers().between(0, 8), clients, addresses)
                .as((kind, client, address) -> switch (kind) {
                    case 0, 1 -> discover(client);
                    case 2 -> discover(client, address);
                    case 3 -> select(client, address);
                    case 4 -> initReboot(client, address);
                    case 5 -> renew(client, address);
                    case 6 -> decline(client, address);
                    case 7 -> release(client, address);
                    default -> null;
                });
        Arbitrary<Integer> seconds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(500, 4000)));
        Arbitrary<Step> sightings = Combinators.combine(seconds, addresses,
                        Arbitraries.of(STRANGER, ALICE.chaddr(), CLIENTS.get(5).chaddr()))
                .as((after, address, mac) -> new Step(after, null, address, mac));
        Arbitrary<Step> steps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Combinators.combine(seconds, messages).as(Step::new)),
                net.jqwik.api.Tuple.of(1, sightings));
        return steps.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void noAddressIsEverGrantedToTwoClients(@ForAll("traffic") List<Step> traffic, @ForAll boolean authoritative) {
        var subnet = new Subnet();
        var settings = SETTINGS.withAuthoritative(authoritative).withProbation(java.time.Duration.ofSeconds(900))
                .withInUseHold(java.time.Duration.ofSeconds(1200));
        subnet.on(new SubnetDefined(SUBNET, CIDR, settings, T0));
        subnet.on(reserved("198.18.0.2-198.18.0.9"));
        subnet.on(dynamic("198.18.0.10-198.18.0.15"));
        subnet.on(new HostReserved(SUBNET, CLIENTS.get(5).chaddr(), RESERVED_FOR_FRED, null, T0));

        Map<Ipv4Address, ClientKey> leases = new HashMap<>();
        Map<Ipv4Address, Instant> probation = new HashMap<>();
        Map<Ipv4Address, Map<io.leaseledger.events.types.MacAddress, Instant>> seen = new HashMap<>();
        Instant at = T0;
        for (Step step : traffic) {
            at = at.plusSeconds(step.seconds());
            var rules = new LeaseRules(SUBNET, subnet.state());
            if (step.seenAddress() != null) {
                Ipv4Address address = ip(step.seenAddress());
                if (!CIDR.contains(address)) {
                    continue;
                }
                var judgement = new InUseRules(SUBNET, subnet.state())
                        .judge(new io.leaseledger.events.subnet.ReportAddressInUse(SUBNET, address, step.seenBy(), at));
                if (judgement.event() != null) {
                    seen.computeIfAbsent(address, a -> new HashMap<>()).put(step.seenBy(), judgement.event().heldUntil());
                    subnet.on(judgement.event());
                }
                continue;
            }
            if (step.message() == null) {
                for (SubnetEvent event = rules.nextReclaim(at); event != null; event = rules.nextReclaim(at)) {
                    track(event, leases, probation);
                    subnet.on(event);
                }
                continue;
            }
            LeaseRules.Outcome outcome = rules.decide(step.message(), at);
            for (SubnetEvent event : outcome.events()) {
                if (event instanceof LeaseGranted granted) {
                    ClientKey holder = leases.get(granted.address());
                    assertThat(holder).as("holder of %s", granted.address()).isIn(null, granted.client().key());
                    assertThat(granted.address()).isNotEqualTo(Ipv4Address.parse("198.18.0.5"));
                    if (granted.address().equals(RESERVED_FOR_FRED)) {
                        assertThat(granted.client()).isEqualTo(CLIENTS.get(5));
                    }
                }
                if (event instanceof LeaseOffered || event instanceof LeaseGranted) {
                    var lease = (io.leaseledger.events.subnet.LeaseEvent) event;
                    boolean own = lease.address().equals(RESERVED_FOR_FRED)
                            || lease.client().key().equals(leases.get(lease.address()));
                    Instant now = at;
                    boolean heldByOther = seen.getOrDefault(lease.address(), Map.of()).entrySet().stream()
                            .anyMatch(e -> !e.getKey().equals(lease.client().chaddr()) && now.isBefore(e.getValue()));
                    assertThat(own || !heldByOther).as("%s while another device was seen on it", event).isTrue();
                }
                if (event instanceof LeaseOffered offered) {
                    assertThat(probation).doesNotContainKey(offered.address());
                    assertThat(leases.get(offered.address())).isIn(null, offered.client().key());
                }
                track(event, leases, probation);
                subnet.on(event);
            }
            if (outcome.decision() instanceof Decision.Ack ack) {
                assertThat(leases).containsEntry(ack.address(), step.message().client().key());
            }
        }
    }

    private static void track(SubnetEvent event, Map<Ipv4Address, ClientKey> leases, Map<Ipv4Address, Instant> probation) {
        switch (event) {
            case LeaseGranted e -> {
                leases.values().remove(e.client().key());
                leases.put(e.address(), e.client().key());
            }
            case LeaseReleased e -> leases.remove(e.address());
            case LeaseExpired e -> leases.remove(e.address());
            case AddressDeclined e -> {
                leases.remove(e.address());
                probation.put(e.address(), e.probationUntil());
            }
            case ProbationEnded e -> probation.remove(e.address());
            default -> {
            }
        }
    }
}
