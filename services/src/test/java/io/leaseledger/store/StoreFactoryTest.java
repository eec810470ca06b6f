package io.leaseledger.store;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.groupcommit.ReclaimScheduler;
import io.leaseledger.groupcommit.SubnetGateway;
import io.micronaut.context.ApplicationContext;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Micronaut context starts the store with the Subnet aggregate and closes it. */
class StoreFactoryTest {
    @TempDir
    Path dataDirectory;

    @Test
    void theContextServesPacketsThroughTheGatewayAndClosesTheStore() throws Exception {
        Cidr cidr = Cidr.parse("198.18.0.0/24");
        SubnetId subnet = SubnetId.of(cidr);
        Ipv4Address server = Ipv4Address.parse("198.18.0.1");
        AxonStore store;
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "micronaut.server.enabled", false,
                "leaseledger.store.data-dir", dataDirectory.toString()))) {
            store = context.getBean(AxonStore.class);
            CommandGateway commands = context.getBean(CommandGateway.class);
            commands.sendAndWait(DefineSubnet.of(cidr, SubnetSettings.defaults(), Instant.now()));
            commands.sendAndWait(new AddRange(subnet, AddressRange.of("198.18.0.10", "198.18.0.20"),
                    RangeKind.DYNAMIC, Instant.now()));

            Decision offer = context.getBean(SubnetGateway.class).decide(subnet, ClientMessage.discover(
                    ClientIdentity.of(MacAddress.parse("02:00:00:00:00:01")), TransactionId.of(1), server, null,
                    Delivery.BROADCAST)).get(10, TimeUnit.SECONDS);

            assertThat(offer).isInstanceOf(Decision.Offer.class);
            assertThat(Files.exists(dataDirectory.resolve("events.mv.db"))).isTrue();
            // No ServedSubnets bean: nothing to reclaim for.
            assertThat(context.findBean(ReclaimScheduler.class)).isEmpty();
        }
        assertThat(((com.zaxxer.hikari.HikariDataSource) store.dataSource()).isClosed()).isTrue();
    }

    @Test
    void withServedSubnetsTheReclaimSchedulerRuns() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("micronaut.server.enabled", false,
                        "leaseledger.store.data-dir", dataDirectory.toString()))
                .singletons((ServedSubnets) () -> List.of(SubnetId.parse("198.18.0.0/24")))
                .start()) {
            assertThat(context.findBean(ReclaimScheduler.class)).isPresent();
        }
    }
}
