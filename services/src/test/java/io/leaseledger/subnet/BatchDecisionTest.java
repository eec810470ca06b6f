package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.MacAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

/** One command, many packets: decided in order, each seeing the events of those before it. */
class BatchDecisionTest {

    @Test
    void twoClientsDiscoveringInOneBatchGetDifferentAddresses() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE), discover(BOB)))
                .expectEvents(offered("198.18.0.10", ALICE, T0), offered("198.18.0.11", BOB, T0))
                .expectResultMessagePayload(List.of(offer("198.18.0.10"), offer("198.18.0.11")));
    }

    @Test
    void aDiscoverThenRequestOfOneClientInOneBatchEndsInALease() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, discover(ALICE), select(ALICE, "198.18.0.10")))
                .expectEvents(offered("198.18.0.10", ALICE, T0), granted("198.18.0.10", ALICE, T0, GrantKind.NEW))
                .expectResultMessagePayload(List.of(offer("198.18.0.10"), ack("198.18.0.10", GrantKind.NEW)));
    }

    @Test
    void twoClientsSelectingTheSameAddressInOneBatchOnlyOneGetsIt() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0, initReboot(ALICE, "198.18.0.15"), initReboot(BOB, "198.18.0.15")))
                .expectResultMessagePayload(List.of(ack("198.18.0.15", GrantKind.INIT_REBOOT),
                        new Decision.Nak(io.leaseledger.events.subnet.NakReason.ADDRESS_UNAVAILABLE)));
    }

    @Test
    void anEmptyBatchDecidesNothing() {
        fixture().given(defined(), dynamic("198.18.0.10-198.18.0.20"))
                .when(decide(T0))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void aFullPoolOfDistinctClientsNeverSharesAnAddress() {
        List<ClientMessage> dora = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ClientIdentity client = ClientIdentity.of(MacAddress.parse(String.format("02:00:00:00:%02x:%02x", i >> 8, i & 0xFF)));
            dora.add(discover(client));
        }
        var result = fixture().given(defined(), dynamic("198.18.0.10-198.18.0.254"))
                .when(new DecideClientMessages(SUBNET, dora, T0));
        result.expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<List<Decision>>() {
            @Override
            protected boolean matchesSafely(List<Decision> decisions) {
                var addresses = new HashSet<>();
                long offers = decisions.stream().filter(d -> d instanceof Decision.Offer o && addresses.add(o.address())).count();
                long silent = decisions.stream().filter(d -> d instanceof Decision.Silent).count();
                return decisions.size() == 300 && offers == 245 && silent == 55;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("245 distinct offers then 55 silences");
            }
        });
    }

    /** The same history and the same command give the same decisions, every time (no clock, no randomness). */
    @Test
    void decisionsAreDeterministic() {
        Object[] history = {defined(), dynamic("198.18.0.10-198.18.0.20"), granted("198.18.0.12", BOB, T0, GrantKind.NEW),
                offered("198.18.0.10", CAROL, T0)};
        var command = decide(t(40), discover(ALICE), select(CAROL, "198.18.0.10"), renew(BOB, "198.18.0.12"),
                discover(client("02:00:00:00:00:0d"), "198.18.0.12"));
        List<List<Object>> runs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            List<Object> seen = new ArrayList<>();
            fixture().given(history).when(command).expectSuccessfulHandlerExecution()
                    .expectResultMessagePayloadMatching(new org.hamcrest.CustomMatcher<Object>("any") {
                        @Override
                        public boolean matches(Object actual) {
                            seen.add(actual);
                            return true;
                        }
                    });
            runs.add(seen);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
        assertThat(runs.get(0)).isNotEmpty();
    }
}
