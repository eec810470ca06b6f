package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.arp.ArpSighting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARP sightings become reports to the right subnet, on the real store and mailbox: only senders in
 * a served, managed subnet; each pair at most once a minute; a flood is cut to the report rate.
 */
class InUseReporterTest {
    private static final Cidr CIDR = Cidr.parse("198.18.7.0/24");
    private static final SubnetId SUBNET = SubnetId.of(CIDR);
    private static final AddressRange POOL = AddressRange.of("198.18.7.10", "198.18.7.250");
    private static final MacAddress DEVICE = MacAddress.parse("02:00:00:00:07:01");

    @TempDir
    Path dataDirectory;

    private AxonStore store;
    private SubnetGateway gateway;
    private InUseReporter reporter;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void serve() {
        OneSubnetStore served = OneSubnetStore.start(dataDirectory, CIDR, POOL);
        store = served.store();
        gateway = served.gateway();
        SettingsView settings = served.settings();
        reporter = new InUseReporter(gateway, settings, nanos::get);
    }

    @AfterEach
    void stop() {
        gateway.close();
        store.close();
    }

    private static ArpSighting heard(String address, MacAddress mac) {
        return new ArpSighting("eth9", Ipv4Address.parse(address), mac);
    }

    @Test
    void aSenderInAServedSubnetIsReportedOnceAMinute() throws Exception {
        reporter.accept(heard("198.18.7.20", DEVICE));
        reporter.accept(heard("198.18.7.20", DEVICE));
        reporter.accept(heard("10.1.2.3", DEVICE));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        reporter.accept(heard("198.18.7.20", DEVICE));

        assertThat(reporter.counted(InUseReporter.Outcome.REPORTED)).isEqualTo(2);
        assertThat(reporter.counted(InUseReporter.Outcome.REPEATED)).isEqualTo(1);
        assertThat(reporter.counted(InUseReporter.Outcome.NOT_SERVED)).isEqualTo(1);
        // Two reports reached the subnet; the second, a minute later, was not news to it: one event.
        assertThat(awaitObserved(1)).containsExactly(Ipv4Address.parse("198.18.7.20"));
        assertThat(reporter.counted(InUseReporter.Outcome.OVERLOADED)).isZero();
    }

    @Test
    void aFloodIsCutToTheReportRate() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] mac = {2, 0, 0, 0, (byte) (i >> 8), (byte) i};
            reporter.accept(heard("198.18.7." + (10 + i), MacAddress.ethernet(mac)));
        }
        assertThat(reporter.counted(InUseReporter.Outcome.REPORTED)).isEqualTo(InUseReporter.BURST);
        assertThat(reporter.counted(InUseReporter.Outcome.RATE_LIMITED)).isEqualTo(200 - InUseReporter.BURST);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        reporter.accept(heard("198.18.7.250", DEVICE));
        assertThat(reporter.counted(InUseReporter.Outcome.REPORTED)).isEqualTo(InUseReporter.BURST + 1);
        assertThat(awaitObserved(InUseReporter.BURST + 1)).hasSize(InUseReporter.BURST + 1);
    }

    /**
     * The addresses of the AddressInUseObserved events in the store, once there are {@code count}
     * (bounded wait: generous, since a loaded two-core machine took more than 5 s to commit 51).
     */
    private List<Ipv4Address> awaitObserved(int count) throws InterruptedException {
        List<Ipv4Address> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            found.clear();
            store.replayAll(payload -> {
                if (payload instanceof AddressInUseObserved e) {
                    found.add(e.address());
                }
            });
            if (found.size() >= count) {
                Thread.sleep(200); // and no more than that arrive
                List<Ipv4Address> settled = new ArrayList<>();
                store.replayAll(payload -> {
                    if (payload instanceof AddressInUseObserved e) {
                        settled.add(e.address());
                    }
                });
                return settled;
            }
            Thread.sleep(50);
        }
        return found;
    }
}
