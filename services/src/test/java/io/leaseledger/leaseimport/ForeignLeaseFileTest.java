package io.leaseledger.leaseimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease files written by the real servers (src/test/resources/leaseimport: Kea 2.2's memfile and ISC
 * dhcpd 4.4's leases file, each after dhclient took a lease with a host name and a client
 * identifier, perfdhcp took five, and a second dhclient took one and released it;
 * {@code make-fixtures.sh} there made them), and the forms those servers write that the runs did not.
 */
class ForeignLeaseFileTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = ForeignLeaseFileTest.class.getResourceAsStream("/leaseimport/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ForeignLease only(ForeignLeaseFile file, String address) {
        return file.leases().stream().filter(lease -> lease.address().equals(Ipv4Address.parse(address)))
                .findFirst().orElseThrow(() -> new AssertionError("no lease of " + address + " in " + file.leases()));
    }

    @Test
    void keasMemfileGivesItsLeasesStillGrantedAndReportsTheReleasedOne() throws IOException {
        ForeignLeaseFile file = ForeignLeaseFile.parse(resource("kea-leases4.csv"), "kea-leases4.csv");

        assertThat(file.format()).isEqualTo("kea-memfile");
        assertThat(file.leases()).extracting(lease -> lease.address().toString()).containsExactly(
                "198.18.50.100", "198.18.50.101", "198.18.50.102", "198.18.50.103", "198.18.50.104", "198.18.50.105");
        ForeignLease dhclient = only(file, "198.18.50.100");
        assertThat(dhclient.client().chaddr()).isEqualTo(MacAddress.parse("52:54:00:aa:bb:01"));
        assertThat(dhclient.client().clientId()).isEqualTo(ClientId.parse("01:52:54:00:aa:bb:01"));
        assertThat(dhclient.client().hostname()).isEqualTo(Hostname.of("deploy-node-7"));
        assertThat(dhclient.leaseTime()).isEqualTo(LeaseTime.ofSeconds(3600));
        assertThat(dhclient.expiresAt()).isEqualTo(Instant.ofEpochSecond(1796327152));
        // 198.18.50.107: granted, then released (a later row with lifetime 0)
        assertThat(file.skipped()).singleElement().asString().contains("198.18.50.107").contains("released");
    }

    @Test
    void iscDhcpdsLeasesFileGivesItsActiveLeasesAndReportsTheFreedOne() throws IOException {
        ForeignLeaseFile file = ForeignLeaseFile.parse(resource("dhcpd.leases"), "dhcpd.leases");

        assertThat(file.format()).isEqualTo("isc-dhcpd");
        assertThat(file.leases()).extracting(lease -> lease.address().toString())
                .containsExactly("198.18.50.100", "198.18.50.101");
        ForeignLease dhclient = only(file, "198.18.50.100");
        assertThat(dhclient.client().chaddr()).isEqualTo(MacAddress.parse("52:54:00:aa:bb:01"));
        // uid "\001RT\000\252\273\001": octal escapes and printable octets
        assertThat(dhclient.client().clientId()).isEqualTo(ClientId.parse("01:52:54:00:aa:bb:01"));
        assertThat(dhclient.client().hostname()).isEqualTo(Hostname.of("deploy-node-7"));
        assertThat(dhclient.expiresAt()).isEqualTo(Instant.parse("2026-12-03T19:45:39Z"));
        assertThat(dhclient.leaseTime()).isEqualTo(LeaseTime.ofSeconds(3600));
        assertThat(only(file, "198.18.50.101").client().clientId()).isEqualTo(ClientId.parse("01:00:0c:01:02:03:04"));
        assertThat(file.skipped()).singleElement().asString().contains("198.18.50.108").contains("binding state free");
    }

    @Test
    void iscEpochTimesNeverHexUidsAndWhatElseTheFileHoldsArePassedOverRight() {
        String text = """
                # written with db-time-format local
                authoring-byte-order little-endian;
                server-duid "\\000\\001\\000\\001";
                failover peer "rack" state {
                  my state normal at 4 2026/12/03 18:00:00;
                  partner state normal at 4 2026/12/03 18:00:00;
                }
                lease 198.18.7.20 {
                  starts epoch 1796320000; # Thu Dec 03 16:26:40 2026
                  ends epoch 1796323600;
                  binding state active;
                  next binding state free;
                  hardware ethernet 52:54:00:00:07:20;
                  uid 01:52:54:00:00:07:20;
                  set vendor-class-identifier = "PXEClient:Arch:00007";
                  on expiry { set x = "y"; }
                }
                lease 198.18.7.21 {
                  starts 4 2026/12/03 18:00:00;
                  ends never;
                  binding state active;
                  hardware token-ring 00:11:22:33:44:55;
                  client-hostname "a \\"quoted\\" name";
                }
                lease 198.18.7.22 {
                  starts 4 2026/12/03 18:00:00;
                  ends 4 2026/12/03 19:00:00;
                  binding state backup;
                  hardware ethernet 52:54:00:00:07:22;
                }
                lease 198.18.7.23 {
                  starts 4 2026/12/03 18:00:00;
                  ends 4 2026/12/03 19:00:00;
                  binding state active;
                }
                ia-na "\\001\\000\\000\\000" {
                  cltt 4 2026/12/03 18:00:00;
                  iaaddr 2001:db8::5 { binding state active; }
                }
                """;
        ForeignLeaseFile file = ForeignLeaseFile.parse(text, "dhcpd.leases");

        ForeignLease epoch = only(file, "198.18.7.20");
        assertThat(epoch.expiresAt()).isEqualTo(Instant.ofEpochSecond(1796323600));
        assertThat(epoch.leaseTime()).isEqualTo(LeaseTime.ofSeconds(3600));
        assertThat(epoch.client().clientId()).isEqualTo(ClientId.parse("01:52:54:00:00:07:20"));
        ForeignLease never = only(file, "198.18.7.21");
        assertThat(never.leaseTime()).isEqualTo(LeaseTime.INFINITE);
        assertThat(never.expiresAt()).isEqualTo(Instant.MAX);
        assertThat(never.client().chaddr()).isEqualTo(MacAddress.parse("6/00:11:22:33:44:55"));
        assertThat(never.client().hostname()).isEqualTo(Hostname.of("a \"quoted\" name"));
        assertThat(file.leases()).hasSize(2);
        assertThat(file.skipped()).satisfiesExactly(
                line -> assertThat(line).contains("198.18.7.22").contains("binding state backup"),
                line -> assertThat(line).contains("198.18.7.23").contains("no hardware address"));
    }

    @Test
    void keaColumnsAreFoundByTheirHeaderAndItsEscapedCommasAreUndone() {
        String text = """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id
                198.18.9.10,52:54:00:00:09:10,,600,1796323600,1,0,0,rack&#x2cA,0,,0
                198.18.9.11,52:54:00:00:09:11,,600,1796323600,1,0,0,,1,,0
                198.18.9.12,,01:aa:bb,600,1796323600,1,0,0,,0,,0
                198.18.9.13,52:54:00:00:09:13,,4294967295,0,1,0,0,,0,,0
                not-an-address,52:54:00:00:09:14,,600,1796323600,1,0,0,,0,,0
                198.18.9.15,52:54
                198.18.9.16,52:54:00:00:09:16,,600,1796323600,1,0,0,nœud-16,0,,0
                """;
        ForeignLeaseFile file = ForeignLeaseFile.parse(text, "kea-leases4.csv");

        assertThat(only(file, "198.18.9.10").client().hostname()).isEqualTo(Hostname.of("rack,A"));
        assertThat(only(file, "198.18.9.13").expiresAt()).isEqualTo(Instant.MAX);
        ForeignLease unnamed = only(file, "198.18.9.16");
        assertThat(unnamed.client().hostname()).as("a name it cannot keep costs the lease nothing").isNull();
        assertThat(file.leases()).hasSize(3);
        assertThat(file.skipped()).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).contains("198.18.9.16").contains("host name not kept").endsWith("the lease is"),
                line -> assertThat(line).contains("198.18.9.11").contains("declined"),
                line -> assertThat(line).contains("198.18.9.12").contains("no hardware address"),
                line -> assertThat(line).startsWith("line 6:"),
                line -> assertThat(line).startsWith("line 7:").contains("columns"));
    }

    @Test
    void afterKeasHourlyCleanupTheLeasesAreInTheOlderFileAndAreReadFromIt(@TempDir Path dir) throws IOException {
        // What Kea 2.2 left after its lease file cleanup (lfc-interval) ran: kea-leases4.csv holds the header only
        for (String name : List.of("kea-leases4.csv", "kea-leases4.csv.2")) {
            Files.writeString(dir.resolve(name), resource("kea-after-lfc/" + name));
        }

        LeaseFileToImport read = LeaseFileToImport.read(dir.resolve("kea-leases4.csv"));

        assertThat(read.read()).extracting(path -> path.getFileName().toString())
                .containsExactly("kea-leases4.csv.2", "kea-leases4.csv");
        assertThat(read.file().leases()).extracting(lease -> lease.address().toString()).containsExactly(
                "198.18.50.100", "198.18.50.101", "198.18.50.102", "198.18.50.103", "198.18.50.104", "198.18.50.105");
        assertThat(read.describe()).endsWith("kea-leases4.csv (and kea-leases4.csv.2)");
    }

    @Test
    void keasFilesAreReadInItsOwnOrderTheNewestRowOfAnAddressWinning(@TempDir Path dir) throws IOException {
        String header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";
        Files.writeString(dir.resolve("kea-leases4.csv.2"), header
                + "198.18.9.1,52:54:00:00:09:01,,600,1796323600,1,0,0,,0,\n"
                + "198.18.9.2,52:54:00:00:09:02,,600,1796323600,1,0,0,,0,\n");
        Files.writeString(dir.resolve("kea-leases4.csv.1"), header
                + "198.18.9.3,52:54:00:00:09:03,,600,1796323600,1,0,0,,0,\n");
        Files.writeString(dir.resolve("kea-leases4.csv"), header
                + "198.18.9.2,52:54:00:00:09:02,,0,1796323000,1,0,0,,0,\n");   // released since the cleanup

        LeaseFileToImport read = LeaseFileToImport.read(dir.resolve("kea-leases4.csv"));
        assertThat(read.file().leases()).extracting(lease -> lease.address().toString())
                .containsExactly("198.18.9.1", "198.18.9.3");
        assertThat(read.file().skipped()).singleElement().asString()
                .startsWith("kea-leases4.csv line 2 (198.18.9.2)").contains("released");

        // a cleanup that finished writing (.completed) holds everything .2 and .1 did: those are not read
        Files.writeString(dir.resolve("kea-leases4.csv.completed"), header
                + "198.18.9.4,52:54:00:00:09:04,,600,1796323600,1,0,0,,0,\n");
        assertThat(LeaseFileToImport.read(dir.resolve("kea-leases4.csv")).file().leases())
                .extracting(lease -> lease.address().toString()).containsExactly("198.18.9.4");
    }

    /** What the API is sent: the set's files one after the other (cat kea-leases4.csv.2 kea-leases4.csv), each from its header. */
    @Test
    void keasFilesOneAfterTheOtherAreReadAsItsSet() {
        String header = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";
        String set = header
                + "198.18.9.1,52:54:00:00:09:01,,600,1796323600,1,0,0,,0,\n"
                + "198.18.9.2,52:54:00:00:09:02,,600,1796323600,1,0,0,,0,\n"
                + header
                + "198.18.9.2,52:54:00:00:09:02,,0,1796323000,1,0,0,,0,\n"
                + "not-an-address,52:54:00:00:09:14,,600,1796323600,1,0,0,,0,\n";

        ForeignLeaseFile file = ForeignLeaseFile.parse(set, "sent");

        assertThat(file.format()).isEqualTo("kea-memfile");
        assertThat(file.leases()).extracting(lease -> lease.address().toString()).containsExactly("198.18.9.1");
        assertThat(file.skipped()).anySatisfy(line -> assertThat(line).startsWith("file 2 of 2 line 2 (198.18.9.2)"))
                .anySatisfy(line -> assertThat(line).startsWith("file 2 of 2 line 3"));
    }

    @Test
    void dnsmasqsLeaseFileGivesItsLeasesTimedFromWhenItWasWritten() throws IOException {
        // dnsmasq 2.90 wrote it (make-fixtures.sh dnsmasq): dhclient's lease; the second client released its own,
        // which dnsmasq then left out of the file. Written an hour before the expiry it holds.
        Instant written = Instant.ofEpochSecond(1796360657 - 3600);
        ForeignLeaseFile file = ForeignLeaseFile.parse(resource("dnsmasq.leases"), "dnsmasq.leases", written);

        assertThat(file.format()).isEqualTo("dnsmasq");
        ForeignLease dhclient = file.leases().getFirst();
        assertThat(file.leases()).hasSize(1);
        assertThat(dhclient.address()).isEqualTo(Ipv4Address.parse("198.18.50.160"));
        assertThat(dhclient.client().chaddr()).isEqualTo(MacAddress.parse("52:54:00:aa:bb:01"));
        assertThat(dhclient.client().clientId()).isEqualTo(ClientId.parse("01:52:54:00:aa:bb:01"));
        assertThat(dhclient.client().hostname()).isEqualTo(Hostname.of("deploy-node-7"));
        assertThat(dhclient.expiresAt()).isEqualTo(Instant.ofEpochSecond(1796360657));
        assertThat(dhclient.leaseTime()).as("what was left of it when the file was written").isEqualTo(LeaseTime.ofSeconds(3600));
        assertThat(file.skipped()).isEmpty();
    }

    @Test
    void dnsmasqsOtherFormsInfiniteLeasesMissingFieldsOtherHardwareAndDhcpv6AreReadOrNamed() {
        String text = """
                0 52:54:00:00:0c:01 198.18.12.10 * *
                1796400000 06-52:54:00:00:0c:02 198.18.12.11 token-ring-node *
                1796400000 20- 198.18.12.12 * ff:00:00:00:01:00:02:c9:03:00:2f:12:8e
                1796400000 52:54:00:00:0c:04 198.18.12.13 nœud-4 *
                duid 00:01:00:01:2e:3c:4d:5e:52:54:00:00:0c:99
                1796400000 1234567 2001:db8::13 v6-node 00:01:00:01:2e:3c:4d:5e:52:54:00:00:0c:05
                """;

        ForeignLeaseFile file = ForeignLeaseFile.parse(text, "dnsmasq.leases", Instant.ofEpochSecond(1796396400));

        assertThat(file.leases()).extracting(lease -> lease.address().toString())
                .containsExactly("198.18.12.10", "198.18.12.11", "198.18.12.13");
        ForeignLease infinite = only(file, "198.18.12.10");
        assertThat(infinite.leaseTime()).isEqualTo(LeaseTime.INFINITE);
        assertThat(infinite.client().clientId()).isNull();
        assertThat(infinite.client().hostname()).isNull();
        assertThat(only(file, "198.18.12.11").client().chaddr()).isEqualTo(MacAddress.parse("6/52:54:00:00:0c:02"));
        assertThat(only(file, "198.18.12.11").leaseTime()).isEqualTo(LeaseTime.ofSeconds(3600));
        assertThat(only(file, "198.18.12.13").client().hostname()).as("a name this server cannot keep").isNull();
        assertThat(file.skipped()).anySatisfy(s -> assertThat(s).as("InfiniBand: no chaddr, RFC 4390").contains("line 3").contains("no hardware address"))
                .anySatisfy(s -> assertThat(s).contains("line 4").contains("host name not kept"))
                .anySatisfy(s -> assertThat(s).contains("line 6").contains("2001:db8::13").contains("DHCPv6"));
    }

    @Test
    void aFileOfNeitherKindIsRefusedNamingWhatWasExpected() {
        assertThatThrownBy(() -> ForeignLeaseFile.parse("subnets:\n  - cidr: 198.18.0.0/24\n", "rack.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rack.yaml").hasMessageContaining("Kea memfile").hasMessageContaining("dhcpd.leases")
                .hasMessageContaining("dnsmasq.leases");
    }
}
