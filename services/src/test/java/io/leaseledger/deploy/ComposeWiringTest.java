package io.leaseledger.deploy;

import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.config.NodeRole;
import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.RangeConfiguration;
import io.leaseledger.config.SubnetConfiguration;
import io.leaseledger.deploy.ComposeFile.Attachment;
import io.leaseledger.deploy.ComposeFile.Mount;
import io.leaseledger.deploy.ComposeFile.Network;
import io.leaseledger.deploy.ComposeFile.Service;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine where this project is built, so docker-compose.yml is never started
 * here. This test reads it and checks what would otherwise only show when it runs: the services
 * of the design are there, each rack on a network of its own and on Kafka's, every file it mounts
 * exists, every node's configuration loads with the real loader in the network its container
 * gets, and the environment it passes is read by the application. docs/deployment.md, "Compose".
 */
class ComposeWiringTest {

    static final List<String> RACKS = List.of("rack-a", "rack-b");

    private static ComposeFile compose;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.load();
    }

    @Test
    void everyServiceOfTheDesignIsThere() {
        assertThat(compose.services()).containsKeys("kafka", "postgres", "region", "rack-a", "rack-b", "prometheus", "grafana");
        assertThat(compose.leaseLedgerNodes()).extracting(Service::name).containsExactlyInAnyOrder("region", "rack-a", "rack-b");
        assertThat(compose.leaseLedgerNodes()).allSatisfy(node -> assertThat(node.startsByDefault()).isTrue());
    }

    @Test
    void theLeaseLedgerImageIsBuiltFromTheRepositoryAndNeverPulled() {
        for (Service s : compose.leaseLedgerContainers()) {
            assertThat(s.image()).as(s.name()).contains("leaseledger:local");
            if (s.builtFromRepository()) {
                assertThat(s.spec().get("build")).as(s.name() + " builds the repository's Dockerfile").isEqualTo(".");
            } else {
                assertThat(s.spec().get("pull_policy")).as(s.name() + ": no registry has this image").isEqualTo("never");
            }
        }
        assertThat(compose.leaseLedgerContainers()).extracting(Service::name).contains("api-token", "probe-a");
    }

    @Test
    void kafkaIsTheOfficialImageInKraftModeAtTheVersionOfTheClients() throws IOException {
        Service kafka = compose.service("kafka");
        assertThat(kafka.image()).contains("apache/kafka:" + rootPomProperty("kafka.version"));
        Map<String, String> env = kafka.environment();
        assertThat(env.get("KAFKA_PROCESS_ROLES").split(",")).containsExactlyInAnyOrder("broker", "controller");
        assertThat(env).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as("clients on other containers reach the broker by its service name")
                .contains("PLAINTEXT://kafka:9092");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka:9093");
        assertThat(env.get("KAFKA_LISTENERS")).contains("CONTROLLER://:9093", "PLAINTEXT://:9092");
        assertThat(Base64.getUrlDecoder().decode(env.get("CLUSTER_ID"))).as("a cluster id is a base64 UUID").hasSize(16);
        assertThat(kafka.mounts()).extracting(Mount::target).contains(env.get("KAFKA_LOG_DIRS"));
    }

    @Test
    void postgresqlIsTheOfficialImageAtAPinnedMajorVersion() {
        assertThat(compose.service("postgres").image()).hasValueSatisfying(image -> assertThat(image).matches("postgres:\\d+(\\.\\d+)?"));
    }

    @Test
    void eachRackIsOnItsOwnNetworkAndOnKafkas() {
        Set<String> kafkaNetworks = compose.service("kafka").networks().keySet();
        assertThat(kafkaNetworks).containsExactly("kafka-net");
        for (String rack : RACKS) {
            String own = rack + "-net";
            assertThat(compose.service(rack).networks().keySet()).as(rack).containsExactlyInAnyOrder(own, "kafka-net");
            assertThat(compose.networks().get(own).internal()).as(own + " is a provisioning network with no way out").isTrue();
            List<String> nodesOnIt = compose.leaseLedgerNodes().stream()
                    .filter(n -> n.networks().containsKey(own)).map(Service::name).toList();
            assertThat(nodesOnIt).as("the only node on " + own).containsExactly(rack);
            Stream.of("kafka", "postgres", "prometheus", "grafana")
                    .forEach(s -> assertThat(compose.service(s).networks()).as(s).doesNotContainKey(own));
        }
        assertThat(compose.service("region").networks().keySet()).containsExactly("kafka-net");
        assertThat(compose.services().values()).allSatisfy(s -> {
            assertThat(s.spec().get("network_mode")).as(s.name() + ": no host networking").isNotEqualTo("host");
            assertThat(s.spec().get("privileged")).as(s.name()).isNotEqualTo(true);
        });
    }

    @Test
    void staticAddressesLieInTheirNetworksInsideDockersRangeAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (Service s : compose.services().values()) {
            s.networks().forEach((name, attachment) -> {
                Network network = compose.networks().get(name);
                assertThat(network).as(s.name() + " attaches to " + name + ", which networks: must define").isNotNull();
                attachment.address().ifPresent(address -> {
                    assertThat(network.subnet()).as(name).hasValueSatisfying(c -> assertThat(c.contains(address)).isTrue());
                    assertThat(network.gateway().filter(address::equals)).as(s.name() + ": the gateway of " + name).isEmpty();
                    network.ipRange().ifPresent(range -> assertThat(range.contains(address))
                            .as(s.name() + ": " + address + " inside " + name + "'s ip_range " + range + ", which no lease can take")
                            .isTrue());
                    assertThat(seen.add(name + " " + address)).as(address + " given twice on " + name).isTrue();
                });
            });
        }
    }

    @Test
    void everyMountedFileIsInTheRepository() {
        for (Service s : compose.services().values()) {
            for (Mount m : s.mounts()) {
                if (m.bind()) {
                    Path host = compose.hostPath(m);
                    assertThat(host).as(s.name() + " mounts " + m.source()).exists();
                    if (m.target().matches(".*\\.(ya?ml|json)")) {
                        assertThat(host).as(s.name() + " mounts a file at " + m.target()).isRegularFile();
                    }
                }
            }
        }
    }

    @Test
    void everyNodeConfigurationLoadsWithTheRealLoaderInsideItsContainer() throws Exception {
        for (Service node : compose.leaseLedgerNodes()) {
            LeaseLedgerConfiguration config = nodeConfiguration(node);
            if (config.node().role().servesDhcp()) {
                assertThat(config.store().kind()).as(node.name()).isEqualTo("h2");
                assertThat(namedVolumeTargets(node)).as(node.name() + ": its event store is on a volume, not in the container")
                        .contains(Path.of(config.store().path()).normalize().toString());
            }
        }
    }

    @Test
    void eachRackServesTheSubnetOfItsOwnNetworkAndNeverLeasesDockersAddresses() throws Exception {
        for (String rack : RACKS) {
            Service node = compose.service(rack);
            Network own = compose.networks().get(rack + "-net");
            Attachment link = node.networks().get(own.name());
            LeaseLedgerConfiguration config = nodeConfiguration(node);
            assertThat(config.server().interfaces()).as(rack).containsExactly(link.interfaceName().orElseThrow());
            assertThat(config.server().port()).as(rack).isEqualTo(67);
            Cidr cidr = own.subnet().orElseThrow();
            SubnetConfiguration subnet = config.subnets().stream().filter(c -> c.cidr().equals(cidr)).findFirst()
                    .orElseThrow(() -> new AssertionError(rack + " does not configure its network " + cidr));
            Cidr dockers = own.ipRange().orElseThrow();
            assertThat(subnet.ranges()).as(rack + ": Docker's ip_range " + dockers + " is a reserved range")
                    .anySatisfy(r -> {
                        assertThat(r.kind()).isEqualTo(RangeKind.RESERVED);
                        assertThat(covers(r, dockers.firstHost()) && covers(r, dockers.lastHost())).isTrue();
                    });
            assertThat(subnet.ranges()).filteredOn(r -> r.kind() == RangeKind.DYNAMIC).isNotEmpty()
                    .allSatisfy(r -> assertThat(dockers.contains(r.start()) || dockers.contains(r.end())).isFalse());
        }
    }

    @Test
    void everyNodeIsNamedAfterItsServiceAndPlaysTheRoleOfTheDesign() throws Exception {
        assertThat(nodeConfiguration(compose.service("region")).node().role()).isEqualTo(NodeRole.REGION);
        for (String rack : RACKS) {
            assertThat(nodeConfiguration(compose.service(rack)).node().role()).as(rack).isEqualTo(NodeRole.RACK);
        }
        for (Service node : compose.leaseLedgerNodes()) {
            // The name is the CloudEvents source of the node's events; in a container, $HOSTNAME is a container id.
            assertThat(nodeConfiguration(node).node().name()).isEqualTo(node.name());
        }
    }

    @Test
    void everyNodeFindsKafkaByItsServiceNameOnAnAdvertisedListener() throws Exception {
        Map<String, String> env = compose.service("kafka").environment();
        List<String> advertised = Stream.of(env.get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .map(l -> l.substring(l.indexOf("://") + 3)).toList();
        for (Service node : compose.leaseLedgerNodes()) {
            KafkaConfiguration kafka = nodeConfiguration(node).kafka()
                    .orElseThrow(() -> new AssertionError(node.name() + " has no kafka block"));
            assertThat(kafka.bootstrapServers()).as(node.name()).isNotEmpty().allSatisfy(server -> {
                assertThat(server).as(node.name() + " names the compose service and an advertised listener " + advertised)
                        .startsWith("kafka:").isIn(advertised);
            });
            assertThat(node.networks().keySet()).as(node.name() + " shares a network with kafka")
                    .containsAnyElementsOf(compose.service("kafka").networks().keySet());
            assertThat(node.dependsOn()).as(node.name()).containsEntry("kafka", "service_healthy");
        }
    }

    @Test
    void theRegionKeepsItsProjectionsInTheComposePostgresql() throws Exception {
        Service region = compose.service("region");
        ProjectionsConfiguration projections = nodeConfiguration(region).projections();
        Map<String, String> postgres = compose.service("postgres").environment();
        assertThat(projections.enabled()).isTrue();
        assertThat(projections.kind()).isEqualTo("postgresql");
        assertThat(projections.url()).contains("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(projections.user()).contains(postgres.get("POSTGRES_USER"));
        assertThat(projections.password()).contains(postgres.get("POSTGRES_PASSWORD"));
        assertThat(region.networks().keySet()).containsAnyElementsOf(compose.service("postgres").networks().keySet());
        assertThat(region.dependsOn()).containsEntry("postgres", "service_healthy");
    }

    @Test
    void everyNodesApiListensOnKafkaNetAndHasATokenBeforeItStarts() throws Exception {
        Service init = compose.service("api-token");
        String initCommand = String.join(" ", init.strings("command"));
        Dockerfile image = Dockerfile.load();
        for (Service node : compose.leaseLedgerNodes()) {
            ApiConfiguration api = nodeConfiguration(node).api();
            assertThat(api.enabled()).as(node.name()).isTrue();
            assertThat(node.networks().get("kafka-net").address()).as(node.name()).contains(api.bind());
            // Off loopback, the node refuses to start while the tokens file holds no token.
            Path tokens = api.tokensFile();
            Mount shared = node.mounts().stream().filter(m -> !m.bind() && tokens.startsWith(m.target())).findFirst()
                    .orElseThrow(() -> new AssertionError(node.name() + ": " + tokens + " is on no named volume"));
            assertThat(init.mounts()).as("api-token writes the volume " + shared.source() + " where " + node.name() + " reads it")
                    .contains(new Mount(shared.source(), shared.target(), false));
            assertThat(initCommand).contains("token create --tokens-file " + tokens);
            assertThat(node.dependsOn()).as(node.name()).containsEntry("api-token", "service_completed_successfully");
            assertThat(image.ownedByTheUser(shared.target())).as("the image makes " + shared.target() + " the user's, "
                    + "so a new named volume there is writable").isTrue();
        }
        assertThat(compose.service("region").strings("ports"))
                .contains("127.0.0.1:" + nodeConfiguration(compose.service("region")).api().port() + ":"
                        + nodeConfiguration(compose.service("region")).api().port());
    }

    @Test
    void theProbeRelaysFromRackAsNetworkToRackA() throws Exception {
        Service probe = compose.service("probe-a");
        assertThat(probe.startsByDefault()).isFalse();
        Ipv4Address rackA = compose.service("rack-a").networks().get("rack-a-net").address().orElseThrow();
        Ipv4Address relay = probe.networks().get("rack-a-net").address().orElseThrow();
        List<String> command = probe.strings("command");
        assertThat(command).containsSequence("--server", rackA + ":67").containsSequence("--bind", relay.toString());
        LeaseLedgerConfiguration config = nodeConfiguration(compose.service("rack-a"));
        assertThat(config.subnets()).as("giaddr " + relay + " selects a subnet of rack A")
                .anySatisfy(s -> assertThat(s.cidr().contains(relay)).isTrue());
    }

    @Test
    void theEnvironmentOfEveryLeaseLedgerContainerIsReadByTheApplication() throws IOException {
        String launcher = Files.readString(ComposeFile.REPOSITORY.resolve("deploy/docker/leaseledger"));
        List<String> propertyPrefixes = micronautPropertyPrefixes();
        for (Service s : compose.leaseLedgerContainers()) {
            for (String name : s.environment().keySet()) {
                String property = name.toLowerCase().replace('_', '.');
                boolean readByLauncher = launcher.contains("${" + name + ":") || launcher.contains("${" + name + "}");
                boolean micronautProperty = propertyPrefixes.stream().anyMatch(p -> property.startsWith(p + "."));
                assertThat(readByLauncher || micronautProperty)
                        .as(s.name() + " passes " + name + ": read neither by the image's launcher nor as a Micronaut property "
                                + propertyPrefixes)
                        .isTrue();
            }
        }
    }

    @Test
    void everyKeyTheNodeConfigurationsUseIsDocumented() throws IOException {
        String reference = Files.readString(ComposeFile.REPOSITORY.resolve("docs/configuration.md"));
        for (Service node : compose.leaseLedgerNodes()) {
            Mount mount = node.mounts().stream().filter(m -> m.target().equals(ComposeFile.NODE_CONFIG)).findFirst().orElseThrow();
            Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(compose.hostPath(mount)));
            List<String> undocumented = new ArrayList<>();
            undocumentedKeys(tree, null, reference, undocumented);
            assertThat(undocumented).as(node.name() + ": keys docs/configuration.md does not name").isEmpty();
        }
    }

    /**
     * A key is documented when docs/configuration.md names it in backticks: alone, after its parent
     * ({@code topics.leases}), or as the parent of documented keys ({@code topics}).
     */
    private static void undocumentedKeys(Object node, String parent, String reference, List<String> out) {
        switch (node) {
            case Map<?, ?> map -> map.forEach((k, v) -> {
                String key = k.toString();
                boolean named = reference.contains("`" + key + "`") || reference.contains("`" + parent + "." + key + "`")
                        || reference.contains("`" + key + ".");   // a block documented by its keys: `topics.leases`
                if (!named) {
                    out.add(parent == null ? key : parent + "." + key);
                }
                undocumentedKeys(v, key, reference, out);
            });
            case List<?> list -> list.forEach(item -> undocumentedKeys(item, parent, reference, out));
            default -> { }
        }
    }

    private static LeaseLedgerConfiguration nodeConfiguration(Service node) throws Exception {
        return compose.configurationOf(node);
    }

    private static List<String> namedVolumeTargets(Service node) {
        return node.mounts().stream().filter(m -> !m.bind()).map(Mount::target).toList();
    }

    private static boolean covers(RangeConfiguration r, Ipv4Address a) {
        return r.start().compareTo(a) <= 0 && a.compareTo(r.end()) <= 0;
    }

    static String rootPomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(
                Files.readString(ComposeFile.REPOSITORY.resolve("pom.xml")));
        assertThat(m.find()).as("root pom defines " + name).isTrue();
        return m.group(1).trim();
    }

    /** The {@code @ConfigurationProperties} prefixes of the main sources: Micronaut reads these from the environment. */
    private static List<String> micronautPropertyPrefixes() throws IOException {
        Pattern annotation = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9-]+\\.[a-z0-9.-]+)\"\\)");
        List<String> prefixes = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(ComposeFile.REPOSITORY.resolve("services/src/main/java"))) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = annotation.matcher(Files.readString(p));
                while (m.find()) {
                    prefixes.add(m.group(1).replace('-', '.'));
                }
            }
        }
        return prefixes;
    }
}
