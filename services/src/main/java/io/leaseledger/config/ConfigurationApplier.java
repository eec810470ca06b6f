package io.leaseledger.config;

import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.types.SubnetId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The start-up step between a validated file and serving: the reply-side settings of the file
 * go to the view, and the difference between the log and the file goes to the aggregates, one
 * command at a time, in {@link ConfigurationDiff}'s order. The view must already hold the log
 * (replayed); it follows the resulting events through its own event handler.
 *
 * <pre>{@code
 * LeaseLedgerConfiguration config = new ConfigurationLoader(HostInterfaces.system()).load(file);
 * settingsView.replay(configurationEventsFromTheStore);          // or a processor caught up from the start
 * ConfigurationApplier.apply(settingsView, config, commandGateway, clock.instant());
 * }</pre>
 */
public final class ConfigurationApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationApplier.class);

    private ConfigurationApplier() {}

    /**
     * @return the commands sent (empty when the log already says what the file says)
     * @throws ConfigurationException when an aggregate refuses a command (a rule the file
     *                                validation does not know of); commands before it stay applied,
     *                                and the next start applies the rest once the file is fixed
     */
    public static List<SubnetCommand> apply(SettingsView view, LeaseLedgerConfiguration config, CommandGateway commands,
            Instant at) throws ConfigurationException {
        return apply(view, config, Optional.empty(), commands, at);
    }

    /**
     * As {@link #apply(SettingsView, LeaseLedgerConfiguration, CommandGateway, Instant)}, applying only
     * what the file changed since {@code lastApplied} ({@link ConfigurationDiff}, three-way).
     */
    public static List<SubnetCommand> apply(SettingsView view, LeaseLedgerConfiguration config,
            Optional<LeaseLedgerConfiguration> lastApplied, CommandGateway commands, Instant at)
            throws ConfigurationException {
        List<SubnetCommand> diff = plan(view, config, lastApplied, at);
        for (SubnetCommand command : diff) {
            try {
                commands.sendAndWait(command);
            } catch (RuntimeException refused) {
                throw new ConfigurationException("the configuration", List.of(new ConfigError(pathOf(config, subnetOf(command)),
                        command.getClass().getSimpleName() + " was refused: " + refused.getMessage())));
            }
        }
        if (diff.isEmpty()) {
            LOG.info("configuration unchanged: the event log already says what the file says");
        } else {
            LOG.info("configuration applied: {} command(s) for {} subnet(s)", diff.size(),
                    diff.stream().map(ConfigurationApplier::subnetOf).distinct().count());
        }
        return diff;
    }

    /**
     * The commands {@link #apply(SettingsView, LeaseLedgerConfiguration, Optional, CommandGateway, Instant) apply}
     * would send, without sending them ({@code leaseledger check --against-store}).
     */
    public static List<SubnetCommand> plan(SettingsView view, LeaseLedgerConfiguration config,
            Optional<LeaseLedgerConfiguration> lastApplied, Instant at) {
        return ConfigurationDiff.between(view.known(), config, lastApplied, view.globalWord(), at);
    }

    private static SubnetId subnetOf(SubnetCommand command) {
        return command.subnetId();
    }

    private static String pathOf(LeaseLedgerConfiguration config, SubnetId id) {
        List<SubnetConfiguration> subnets = config.subnets();
        for (int i = 0; i < subnets.size(); i++) {
            if (subnets.get(i).id().equals(id)) {
                return "subnets[" + i + "]";
            }
        }
        return "subnets";
    }
}
