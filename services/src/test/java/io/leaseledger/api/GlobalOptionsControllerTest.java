package io.leaseledger.api;

import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.ServedSubnets;
import io.micronaut.context.BeanProvider;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A global option write is one command per served subnet, not one transaction: what the answer
 * says when some subnets take it and one does not, and when there is nowhere to write it.
 * (The whole API, on a real node: {@code ConfigurationApiTest}.)
 */
class GlobalOptionsControllerTest {
    private static final Instant AT = Instant.parse("2026-12-03T01:00:00Z");
    private static final SubnetId FIRST = SubnetId.parse("198.18.0.0/24");
    private static final SubnetId FAILING = SubnetId.parse("198.18.1.0/24");
    private static final SubnetId THIRD = SubnetId.parse("198.18.2.0/24");

    private final SettingsView settings = new SettingsView();
    private final List<SetOptionSnippet> committed = new ArrayList<>();

    /** A command bus whose subnet 198.18.1.0/24 cannot commit; the others commit, and the view follows. */
    private CommandGateway gateway() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(SetOptionSnippet.class.getName(), (CommandMessage<?> message) -> {
            SetOptionSnippet c = (SetOptionSnippet) message.getPayload();
            if (c.subnetId().equals(FAILING)) {
                throw new IllegalStateException("commit failed: No space left on device");
            }
            committed.add(c);
            settings.on(new OptionSnippetSet(c.subnetId(), c.scope(), c.host(), c.code(), c.value(), c.alwaysSend(), c.at()));
            return null;
        });
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    private GlobalOptionsController controller(boolean servesDhcp) {
        CommandGateway gateway = gateway();
        ServedSubnets served = () -> settings.subnets().stream().map(s -> s.id()).toList();
        BeanProvider<ServedSubnets> provider = new BeanProvider<>() {
            @Override
            public ServedSubnets get() {
                return served;
            }

            @Override
            public boolean isPresent() {
                return servesDhcp;
            }
        };
        return new GlobalOptionsController(new SubnetCommands(() -> gateway, provider), settings,
                Clock.fixed(AT, ZoneOffset.UTC));
    }

    private void define(SubnetId id) {
        settings.on(new SubnetDefined(id, Cidr.parse(id.value()), SubnetSettings.defaults(), AT));
    }

    @Test
    void aSubnetThatCannotCommitIsNamedTheOthersKeepTheChangeAndTheSameRequestAgainCompletesIt() {
        define(FIRST);
        define(FAILING);
        define(THIRD);
        GlobalOptionsController api = controller(true);

        ApiException incomplete = catchThrowableOfType(ApiException.class, () -> api.set("{\"code\": 225, \"hex\": \"bb\"}"));
        assertThat(incomplete.status().getCode()).isEqualTo(500);
        assertThat(incomplete.body().error()).isEqualTo("incomplete");
        assertThat(incomplete.getMessage()).contains("reached 2 of 3 served subnets", "198.18.1.0/24", "No space left on device")
                .doesNotContain("198.18.0.0/24", "198.18.2.0/24");
        assertThat(committed).extracting(SetOptionSnippet::subnetId).containsExactlyInAnyOrder(FIRST, THIRD);
        assertThat(settings.globalSnippets()).containsOnlyKeys(225);

        committed.clear();
        assertThat(catchThrowableOfType(ApiException.class, () -> api.set("{\"code\": 225, \"hex\": \"bb\"}")).getMessage())
                .as("the subnets already there get nothing").contains("reached 2 of 3");
        assertThat(committed).isEmpty();
    }

    @Test
    void withNoSubnetServedThereIsNowhereToRecordIt() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> controller(true).set("{\"code\": 225, \"hex\": \"bb\"}"));
        assertThat(refused.status().getCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("define a subnet first");
    }

    @Test
    void aRegionSendsNothing() {
        define(FIRST);
        settings.on(new OptionSnippetSet(FIRST, OptionScope.GLOBAL, null, 42,
                io.leaseledger.events.types.Octets.parse("01"), false, AT));
        ApiException unavailable = catchThrowableOfType(ApiException.class, () -> controller(false).remove("42"));
        assertThat(unavailable.status().getCode()).isEqualTo(503);
        assertThat(committed).isEmpty();
    }
}
