package io.leaseledger.config;

import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples load; the loopback one is safe to run anywhere. */
class ExampleConfigurationsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void theLoopbackExampleServesOnlyLoopbackOnAnUnprivilegedPort() throws Exception {
        LeaseLedgerConfiguration c = new ConfigurationLoader(HostInterfaces.system()).load(EXAMPLES.resolve("loopback.yaml"));
        assertThat(c.server().interfaces()).isEmpty();
        assertThat(c.server().bindAddresses()).containsExactly(Ipv4Address.parse("127.0.0.1"));
        assertThat(c.server().port()).isGreaterThan(1024);
        assertThat(c.subnets()).first().satisfies(s -> assertThat(s.cidr().contains(Ipv4Address.parse("127.0.0.1")))
                .as("the probe relays from 127.0.0.1: its giaddr must select a subnet").isTrue());
        assertThat(c.subnets()).last().satisfies(s -> {
            assertThat(s.cidr().toString()).isEqualTo("198.18.0.0/24");
            assertThat(s.ranges()).extracting(RangeConfiguration::kind).containsExactly(RangeKind.RESERVED, RangeKind.DYNAMIC);
            assertThat(s.settings().leaseTime().toDuration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(s.hosts()).hasSize(1);
        });
    }

    @Test
    void theLabExampleServesEth1WithPxeInheritedBySubnets() throws Exception {
        LeaseLedgerConfiguration c = new ConfigurationLoader(FakeHost.INSTANCE).load(EXAMPLES.resolve("lab.yaml"));
        assertThat(c.server().interfaces()).containsExactly("eth1");
        assertThat(c.server().port()).isEqualTo(67);
        assertThat(c.subnets()).hasSize(2);
        SubnetConfiguration rack = c.subnets().get(1);
        assertThat(rack.pxe().nextServer()).contains(Ipv4Address.parse("198.18.1.5"));
        assertThat(rack.pxe().uefiX64BootFile()).contains("bootx64.efi");
        assertThat(rack.ranges()).singleElement().extracting(RangeConfiguration::kind).isEqualTo(RangeKind.DYNAMIC);
        assertThat(c.subnets().get(0).hosts().getFirst().options()).singleElement()
                .satisfies(o -> assertThat(o.code()).isEqualTo(17));
    }
}
