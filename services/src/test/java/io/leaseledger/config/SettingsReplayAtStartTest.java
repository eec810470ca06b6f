package io.leaseledger.config;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start rebuilds the settings from the configuration events alone, read past the lease events
 * in the query ({@code AxonStore.replayExcept}); the view is the one the whole log gives.
 */
class SettingsReplayAtStartTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final SubnetId SUBNET = SubnetId.parse("198.18.0.0/24");
    private static final Ipv4Address US = Ipv4Address.parse("198.18.0.1");

    @TempDir
    Path dir;

    @Test
    void theConfigurationEventsAloneGiveTheViewTheWholeLogGives() throws Exception {
        try (AxonStore store = AxonStore.start(StoreSettings.h2(dir), List.of(Subnet.class))) {
            ConfigurationApplier.apply(new SettingsView(), ConfigurationDiffTest.load(ConfigurationDiffTest.BASE),
                    store.commandGateway(), T0);
            var beforeTheChange = wholeLog(store).known();
            leaseTenClients(store);
            // Configuration changed after the leases: the replay must keep the log's order.
            ConfigurationApplier.apply(wholeLog(store), ConfigurationDiffTest.load(
                    ConfigurationDiffTest.BASE.replace("dns-servers: [198.18.0.2]", "dns-servers: [198.18.0.3]")),
                    store.commandGateway(), T0.plusSeconds(60));

            List<Object> read = new ArrayList<>();
            SettingsView fromConfiguration = new SettingsView();
            store.replayExcept(SettingsView.IGNORED_EVENTS, payload -> {
                read.add(payload);
                fromConfiguration.on((SubnetEvent) payload);
            });

            assertThat(read).isNotEmpty().noneMatch(LeaseEvent.class::isInstance);
            assertThat(fromConfiguration.known()).isEqualTo(wholeLog(store).known());
            assertThat(fromConfiguration.known()).as("the change made after the leases is in")
                    .isNotEqualTo(beforeTheChange);
        }
    }

    private static SettingsView wholeLog(AxonStore store) {
        SettingsView view = new SettingsView();
        store.replayAll(payload -> view.on((SubnetEvent) payload));
        return view;
    }

    private static void leaseTenClients(AxonStore store) {
        for (int n = 1; n <= 10; n++) {
            ClientIdentity client = ClientIdentity.of(MacAddress.parse(String.format("02:00:00:00:00:%02x", n)));
            List<Decision> offers = store.commandGateway().sendAndWait(new DecideClientMessages(SUBNET,
                    List.of(ClientMessage.discover(client, TransactionId.of(n), US, null, Delivery.BROADCAST)), T0));
            Ipv4Address offered = ((Decision.Offer) offers.getFirst()).address();
            store.commandGateway().sendAndWait(new DecideClientMessages(SUBNET,
                    List.of(ClientMessage.selecting(client, TransactionId.of(n), US, US, offered, Delivery.BROADCAST)), T0));
        }
    }
}
