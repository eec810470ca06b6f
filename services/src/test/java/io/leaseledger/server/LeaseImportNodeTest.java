package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.leaseimport.LeaseFileToImport;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --import-leases}: the replaced server's leases are the clients' here before the
 * first packet is answered, what cannot be taken is logged with its reason, and a file is imported
 * once however often the node starts with it.
 */
class LeaseImportNodeTest {
    private static final byte[] IMPORTED_CLIENT = {0x52, 0x54, 0, 0, 0, 0x42};
    private static final byte[] NEW_CLIENT = {0x52, 0x54, 0, 0, 0, 0x46};

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger nodeLog = (Logger) LoggerFactory.getLogger(LeaseLedgerNode.class);
    private final Logger importLog = (Logger) LoggerFactory.getLogger(io.leaseledger.leaseimport.LeaseImporter.class);

    @BeforeEach
    void captureTheNodeLog() {
        lines.start();
        nodeLog.addAppender(lines);
        importLog.addAppender(lines);
    }

    @AfterEach
    void release() {
        nodeLog.detachAppender(lines);
        importLog.detachAppender(lines);
    }

    private LeaseLedgerConfiguration config(int port) throws Exception {
        String yaml = """
                server:
                  port: %d
                  bind: [127.0.0.1]
                  server-identifier: 127.0.0.1
                  warm-up: false
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    lease-time: 10m
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                      - {start: 198.18.0.240, end: 198.18.0.250, kind: reserved}
                """.formatted(port, dir.resolve("data"));
        return new ConfigurationLoader(HostInterfaces.system()).parse(yaml, "test.yaml");
    }

    /** A Kea memfile as Kea writes it: a lease to keep, one for the first pool address, one in a reserved range, one of no subnet here. */
    private Path keaMemfile() throws Exception {
        long expire = System.currentTimeMillis() / 1000 + 3600;
        Path file = dir.resolve("kea-leases4.csv");
        Files.writeString(file, """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context
                198.18.0.150,52:54:00:00:00:42,,3600,%1$d,1,0,0,imported-host,0,
                198.18.0.100,52:54:00:00:00:43,,3600,%1$d,1,0,0,,0,
                198.18.0.245,52:54:00:00:00:44,,3600,%1$d,1,0,0,,0,
                10.20.30.40,52:54:00:00:00:45,,3600,%1$d,2,0,0,,0,
                """.formatted(expire));
        return file;
    }

    @Test
    void theReplacedServersClientsKeepTheirAddressesAndTheFileIsImportedOnce() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
        LeaseLedgerConfiguration config = config(port);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Optional<LeaseFileToImport> leases = Optional.of(LeaseFileToImport.read(keaMemfile()));

        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC(), leases)) {
            assertThat(Ipv4Address.format(dora(server, IMPORTED_CLIENT).yiaddr())).isEqualTo("198.18.0.150");
            // a new client gets neither imported address (198.18.0.100 is the pool's first)
            assertThat(Ipv4Address.format(dora(server, NEW_CLIENT).yiaddr())).isNotIn("198.18.0.100", "198.18.0.150")
                    .startsWith("198.18.0.1");
            assertThat(importedGrants(node)).isEqualTo(2);
            assertThat(node.context().getBean(DhcpMetrics.class).scrape())
                    .contains("leaseledger_addresses_imported_total{subnet=\"198.18.0.0/24\"} 2.0");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("imported 2 of 4 leases from").contains("kea-memfile")
                        .contains("OUTSIDE_POOL=1").contains("NO_SUBNET=1"))
                .anySatisfy(line -> assertThat(line).contains("198.18.0.245").contains("OUTSIDE_POOL"))
                .anySatisfy(line -> assertThat(line).contains("10.20.30.40").contains("no subnet served here"));

        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC(), leases)) {
            assertThat(importedGrants(node)).isEqualTo(2);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("were imported at").contains("not imported again"));

        // --import-again: the file is read once more; what was taken stays, nothing is granted twice
        lines.list.clear();
        Optional<LeaseFileToImport> again = Optional.of(LeaseFileToImport.read(leases.get().path(), true));
        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC(), again)) {
            assertThat(importedGrants(node)).isEqualTo(2);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("imported 0 of 4 leases").contains("ALREADY_HELD=2"));
    }

    private static long importedGrants(LeaseLedgerNode node) {
        List<Object> events = new ArrayList<>();
        node.context().getBean(AxonStore.class).replayAll(events::add);
        return events.stream().filter(e -> e instanceof LeaseGranted granted && granted.kind() == GrantKind.IMPORTED).count();
    }

    private static Dhcp4Message dora(InetSocketAddress server, byte[] mac) throws Exception {
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(mac, Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), false, null))) {
            Dhcp4Message reply = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(reply.messageType()).isEqualTo(MessageType.ACK);
            return reply;
        }
    }
}
