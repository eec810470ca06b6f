package io.leaseledger.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.SubnetConfiguration;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.Ipv4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration the real-client tests give the server is one the server's own loader
 * accepts and reads as meant: if a key is renamed, this fails here, without root, instead of
 * every real-client test failing at server start.
 */
class LeaseLedgerConfigTest {
    /** A machine that has exactly the test's bridge, as the server sees it inside its namespace. */
    private static final HostInterfaces NAMESPACE = new HostInterfaces() {
        @Override
        public boolean interfaceExists(String name) {
            return name.equals("llt0123abcdbr");
        }

        @Override
        public List<String> interfaceNames() {
            return List.of("lo", "llt0123abcdbr");
        }

        @Override
        public boolean isLocalAddress(Ipv4Address address) {
            return address.equals(Ipv4Address.parse("198.18.1.1"));
        }
    };

    @Test
    void serverReadsTheHarnessConfigurationAsMeant() throws Exception {
        ServedSubnet.Pxe pxe = new ServedSubnet.Pxe("198.18.1.1", "pxelinux.0", "bootx64.efi", "grubaa64.efi",
                "http://198.18.1.1:5248/ipxe.cfg", "http://198.18.1.1:5248/images/bootx64.efi");
        String yaml = LeaseLedgerConfig.render(List.of("llt0123abcdbr"),
                List.of(ServedSubnet.small(1, 2, Duration.ofSeconds(20)).withPxe(pxe),
                        ServedSubnet.small(2, 1, Duration.ofSeconds(120))),
                Path.of("/tmp/llt-rc-x/server/data"));

        LeaseLedgerConfiguration config = new ConfigurationLoader(NAMESPACE).parse(yaml, "harness");

        assertThat(config.server().interfaces()).containsExactly("llt0123abcdbr");
        assertThat(config.server().port()).isEqualTo(67);
        assertThat(config.store().kind()).isEqualTo("h2");
        assertThat(config.store().path()).isEqualTo("/tmp/llt-rc-x/server/data");
        assertThat(config.subnets()).hasSize(2);
        SubnetConfiguration first = config.subnets().getFirst();
        assertThat(first.cidr().toString()).isEqualTo("198.18.1.0/24");
        assertThat(first.gateway()).contains(Ipv4Address.parse("198.18.1.1"));
        assertThat(first.dnsServers()).containsExactly(Ipv4Address.parse("198.18.1.1"));
        assertThat(first.domain()).contains("llt.test");
        assertThat(first.settings().managed()).isTrue();
        assertThat(first.settings().leaseTime().seconds()).isEqualTo(20);
        assertThat(first.ranges()).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(Ipv4Address.parse("198.18.1.100"));
            assertThat(r.end()).isEqualTo(Ipv4Address.parse("198.18.1.101"));
            assertThat(r.kind()).isEqualTo(RangeKind.DYNAMIC);
        });
        assertThat(first.pxe().nextServer()).contains(Ipv4Address.parse("198.18.1.1"));
        assertThat(first.pxe().biosBootFile()).contains("pxelinux.0");
        assertThat(first.pxe().uefiX64BootFile()).contains("bootx64.efi");
        assertThat(first.pxe().uefiArm64BootFile()).contains("grubaa64.efi");
        assertThat(first.pxe().ipxeScriptUrl()).contains("http://198.18.1.1:5248/ipxe.cfg");
        assertThat(first.pxe().httpBootX64Url()).contains("http://198.18.1.1:5248/images/bootx64.efi");
        assertThat(config.projections().kind()).isEqualTo("h2");
        assertThat(config.projections().path()).isEqualTo(Path.of("/tmp/llt-rc-x/server/data"));
    }

    @Test
    void serverReadsPostgresDatabasesForItsStoreAndItsProjections() throws Exception {
        PostgresDatabases databases = new PostgresDatabases("leaseledger_it_store_0123abcd",
                "leaseledger_it_proj_0123abcd", Path.of("/run/postgresql/.s.PGSQL.5432"), () -> {});
        String yaml = LeaseLedgerConfig.render(List.of("llt0123abcdbr"), List.of(ServedSubnet.small(1, 2, Duration.ofSeconds(20))),
                Path.of("/tmp/llt-rc-x/server/data"), Optional.of("commit"), databases);

        LeaseLedgerConfiguration config = new ConfigurationLoader(NAMESPACE).parse(yaml, "harness");

        assertThat(config.store().kind()).isEqualTo("postgresql");
        assertThat(config.store().url()).contains("jdbc:postgresql://127.0.0.1:5432/leaseledger_it_store_0123abcd");
        assertThat(config.store().user()).contains("postgres");
        assertThat(config.store().durability()).isEqualTo("commit");
        assertThat(config.store().path()).isEqualTo("/tmp/llt-rc-x/server/data");
        assertThat(config.projections().kind()).isEqualTo("postgresql");
        assertThat(config.projections().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/leaseledger_it_proj_0123abcd");
        assertThat(config.projections().username()).isEqualTo("postgres");
        // What the test opens in-process once the server has stopped: the same databases.
        assertThat(databases.store(Path.of(config.store().path())).jdbcUrl()).isEqualTo(config.store().url().orElseThrow());
        assertThat(databases.projections(config.projections().path()).jdbcUrl()).isEqualTo(config.projections().jdbcUrl());
    }
}
