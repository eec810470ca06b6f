package io.leaseledger.deploy;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's docker-compose.yml, read as Compose reads it: SnakeYAML resolves the anchors
 * and {@code <<} merge keys the file uses (Jackson's YAML reader does not merge), and the short
 * and long syntaxes of the entries the tests look at are both understood.
 */
record ComposeFile(Path directory, Map<String, Service> services, Map<String, Network> networks) {

    /** The repository root, seen from the services module (where surefire runs). */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** Where every node's configuration file is mounted, and where the image's default command reads it. */
    static final String NODE_CONFIG = "/etc/leaseledger/leaseledger.yaml";

    record Service(String name, Map<String, Object> spec) {

        Optional<String> image() {
            return Optional.ofNullable((String) spec.get("image"));
        }

        boolean builtFromRepository() {
            return spec.containsKey("build");
        }

        /** Services under a profile start only when asked for ({@code --profile}). */
        boolean startsByDefault() {
            return !spec.containsKey("profiles");
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            switch (spec.get("environment")) {
                case null -> { }
                case Map<?, ?> map -> map.forEach((k, v) -> env.put(k.toString(), v == null ? "" : v.toString()));
                case List<?> list -> list.forEach(entry -> {
                    String[] kv = entry.toString().split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                });
                default -> throw new IllegalArgumentException(name + ".environment is neither a map nor a list");
            }
            return env;
        }

        /** Attachments by network name, in file order. */
        Map<String, Attachment> networks() {
            Map<String, Attachment> attached = new LinkedHashMap<>();
            switch (spec.get("networks")) {
                case null -> { }
                case List<?> list -> list.forEach(n -> attached.put(n.toString(), new Attachment(Optional.empty(), Optional.empty())));
                case Map<?, ?> map -> map.forEach((n, a) -> {
                    Map<?, ?> options = a == null ? Map.of() : (Map<?, ?>) a;
                    attached.put(n.toString(), new Attachment(
                            Optional.ofNullable((String) options.get("ipv4_address")).map(Ipv4Address::parse),
                            Optional.ofNullable((String) options.get("interface_name"))));
                });
                default -> throw new IllegalArgumentException(name + ".networks is neither a map nor a list");
            }
            return attached;
        }

        /** Bind mounts (a path on the host, relative to the compose file) and named volumes. */
        List<Mount> mounts() {
            List<?> volumes = (List<?>) spec.getOrDefault("volumes", List.of());
            return volumes.stream().map(v -> switch (v) {
                case String shortForm -> Mount.parse(shortForm);
                case Map<?, ?> longForm -> new Mount(longForm.get("source").toString(), longForm.get("target").toString(),
                        "bind".equals(longForm.get("type")));
                default -> throw new IllegalArgumentException(name + ".volumes has " + v);
            }).toList();
        }

        /** Services this one waits for, with the condition ({@code service_started} for the short syntax). */
        Map<String, String> dependsOn() {
            Map<String, String> conditions = new LinkedHashMap<>();
            switch (spec.get("depends_on")) {
                case null -> { }
                case List<?> list -> list.forEach(d -> conditions.put(d.toString(), "service_started"));
                case Map<?, ?> map -> map.forEach((d, c) -> conditions.put(d.toString(),
                        c instanceof Map<?, ?> m && m.get("condition") != null ? m.get("condition").toString() : "service_started"));
                default -> throw new IllegalArgumentException(name + ".depends_on is neither a map nor a list");
            }
            return conditions;
        }

        List<String> strings(String key) {
            return ((List<?>) spec.getOrDefault(key, List.of())).stream().map(Object::toString).toList();
        }
    }

    record Attachment(Optional<Ipv4Address> address, Optional<String> interfaceName) {
    }

    record Mount(String source, String target, boolean bind) {
        static Mount parse(String shortForm) {
            String[] parts = shortForm.split(":");
            boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/");
            return new Mount(parts[0], parts[1], bind);
        }
    }

    record Network(String name, boolean internal, Optional<Cidr> subnet, Optional<Cidr> ipRange, Optional<Ipv4Address> gateway) {
    }

    static ComposeFile load() throws IOException {
        Path file = REPOSITORY.resolve("docker-compose.yml");
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        Map<String, Service> services = new LinkedHashMap<>();
        map(root.get("services")).forEach((name, spec) -> services.put(name, new Service(name, map(spec))));
        Map<String, Network> networks = new LinkedHashMap<>();
        map(root.get("networks")).forEach((name, spec) -> networks.put(name, network(name, map(spec))));
        return new ComposeFile(file.getParent(), services, networks);
    }

    Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new AssertionError("docker-compose.yml has no service " + name + " (it has " + services.keySet() + ")");
        }
        return s;
    }

    /** The services that run a LeaseLedger node: the image built from this repository, started by default. */
    List<Service> leaseLedgerNodes() {
        return services.values().stream().filter(Service::builtFromRepository).toList();
    }

    /** Every service that runs the LeaseLedger image: the nodes, and tools such as the probe. */
    List<Service> leaseLedgerContainers() {
        List<String> images = leaseLedgerNodes().stream().flatMap(s -> s.image().stream()).distinct().toList();
        return services.values().stream()
                .filter(s -> s.builtFromRepository() || s.image().filter(images::contains).isPresent())
                .toList();
    }

    /** The node's configuration file, loaded by the real loader as the node's container would load it. */
    LeaseLedgerConfiguration configurationOf(Service node) throws ConfigurationException {
        Mount mount = node.mounts().stream().filter(m -> m.target().equals(NODE_CONFIG)).findFirst()
                .orElseThrow(() -> new AssertionError(node.name() + " mounts no configuration at " + NODE_CONFIG));
        return new ConfigurationLoader(ContainerHost.of(node)).load(hostPath(mount));
    }

    Path hostPath(Mount mount) {
        return directory.resolve(mount.source()).normalize();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    private static Network network(String name, Map<String, Object> spec) {
        Map<String, Object> ipam = map(spec.get("ipam"));
        List<?> configs = (List<?>) ipam.getOrDefault("config", List.of());
        Map<String, Object> first = configs.isEmpty() ? Map.of() : map(configs.getFirst());
        return new Network(name, Boolean.TRUE.equals(spec.get("internal")),
                Optional.ofNullable((String) first.get("subnet")).map(Cidr::parse),
                Optional.ofNullable((String) first.get("ip_range")).map(Cidr::parse),
                Optional.ofNullable((String) first.get("gateway")).map(Ipv4Address::parse));
    }
}
