package io.leaseledger.config;

import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.subnet.Subnet;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diff's commands sent to the real {@link Subnet} aggregate, its events replayed into a fresh
 * {@link SettingsView}, as at a restart: the view then agrees with the file, and the same file
 * applied again changes nothing.
 */
@Timeout(60)
class ConfigurationThroughTheAggregateTest {

    private static final String FILE = ConfigurationDiffTest.BASE;

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private Configuration axon;
    private Instant now = Instant.parse("2026-11-22T08:00:00Z");

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(Subnet.class)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    /** Applies {@code yaml} as a start would: rebuild the view from the log, diff, send. Returns what was sent. */
    private List<SubnetCommand> start(String yaml) throws Exception {
        now = now.plusSeconds(60);
        List<SubnetCommand> commands = ConfigurationDiff.between(replayedView().known(), ConfigurationDiffTest.load(yaml), now);
        commands.forEach(c -> axon.commandGateway().sendAndWait(c));
        return commands;
    }

    private SettingsView replayedView() {
        SettingsView view = new SettingsView();
        // The storage engine's own stream ends; the event store's would wait for more events forever.
        storage.readEvents(null, false)
                .map(m -> (SubnetEvent) m.getPayload())
                .forEach(view::on);
        return view;
    }

    @Test
    void aFileAppliedTwiceYieldsEventsOnlyTheFirstTime() throws Exception {
        assertThat(start(FILE)).isNotEmpty();
        assertThat(start(FILE)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(FILE);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }

    @Test
    void aChangedFileIsAppliedAndThenStable() throws Exception {
        start(FILE);
        String changed = FILE.replace("hostname: a}", "hostname: renamed}")
                .replace("kind: reserved}", "kind: dynamic}")
                .replace("dns-servers: [198.18.0.2]", "dns-servers: [198.18.0.3]");
        assertThat(start(changed)).isNotEmpty();
        assertThat(start(changed)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(changed);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }

    @Test
    void aSubnetRemovedAndDefinedAgainComesBackAsTheFileSays() throws Exception {
        start(FILE);
        start("server: {bind: [127.0.0.1]}\n");
        assertThat(replayedView().subnets()).isEmpty();
        String smaller = FILE.replace("      - {start: 198.18.0.2, end: 198.18.0.9, kind: reserved}\n", "");
        start(smaller);
        assertThat(start(smaller)).isEmpty();
        LeaseLedgerConfiguration c = ConfigurationDiffTest.load(smaller);
        assertThat(replayedView().subnets()).containsExactly(ConfiguredSubnet.desired(c.subnets().getFirst(), c.options()));
    }
}
