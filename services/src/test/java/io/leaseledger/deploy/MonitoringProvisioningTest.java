package io.leaseledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.deploy.ComposeFile.Mount;
import io.leaseledger.deploy.ComposeFile.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus and Grafana of docker-compose.yml, checked without starting them: Prometheus scrapes
 * every node, Grafana is provisioned with that Prometheus and a dashboard that parses, has the
 * panels operators look at, and asks the datasource that exists.
 */
class MonitoringProvisioningTest {

    private static ComposeFile compose;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.load();
    }

    @Test
    void prometheusScrapesEveryNodeByItsServiceNameOnThePortOfItsApi() throws Exception {
        Map<String, Object> config = yaml(mountedFile(compose.service("prometheus"), "/etc/prometheus/prometheus.yml"));
        assertThat(compose.service("prometheus").strings("command")).contains("--config.file=/etc/prometheus/prometheus.yml");
        Set<String> targets = new TreeSet<>();
        for (Map<String, Object> job : list(config.get("scrape_configs"))) {
            assertThat(job.get("metrics_path")).as("docs/api.md: the metrics endpoint").isEqualTo("/metrics");
            for (Map<String, Object> group : list(job.get("static_configs"))) {
                for (Object target : (List<?>) group.get("targets")) {
                    targets.add(target.toString());
                    String host = target.toString().split(":")[0];
                    assertThat(compose.service(host).networks().keySet()).as(host + " shares a network with Prometheus")
                            .containsAnyElementsOf(compose.service("prometheus").networks().keySet());
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (Service node : compose.leaseLedgerNodes()) {
            expected.add(node.name() + ":" + compose.configurationOf(node).api().port());
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void grafanasDatasourceIsThePrometheusServiceAndTheDashboardAsksForIt() throws IOException {
        Service grafana = compose.service("grafana");
        Map<String, Object> datasources = yaml(mountedFile(grafana, "/etc/grafana/provisioning/datasources/prometheus.yaml"));
        Map<String, Object> prometheus = list(datasources.get("datasources")).getFirst();
        assertThat(prometheus.get("type")).isEqualTo("prometheus");
        assertThat(prometheus.get("url")).isEqualTo("http://prometheus:9090");

        JsonNode dashboard = dashboard(grafana);
        List<String> uids = new ArrayList<>();
        dashboard.findValues("datasource").forEach(ds -> uids.add(ds.path("uid").asText()));
        assertThat(uids).isNotEmpty().containsOnly(prometheus.get("uid").toString());
    }

    @Test
    void grafanaLoadsTheDashboardFromTheDirectoryItIsMountedIn() throws IOException {
        Service grafana = compose.service("grafana");
        Map<String, Object> providers = yaml(mountedFile(grafana, "/etc/grafana/provisioning/dashboards/leaseledger.yaml"));
        Map<String, Object> provider = list(providers.get("providers")).getFirst();
        String path = ((Map<?, ?>) provider.get("options")).get("path").toString();
        Mount json = grafana.mounts().stream().filter(m -> m.target().endsWith(".json")).findFirst().orElseThrow();
        assertThat(Path.of(json.target()).getParent()).isEqualTo(Path.of(path));
        assertThat(grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).isEqualTo(json.target());
    }

    @Test
    void theDashboardParsesAndHasThePanelsOfTheDesign() throws IOException {
        JsonNode dashboard = dashboard(compose.service("grafana"));
        List<JsonNode> panels = StreamSupport.stream(dashboard.path("panels").spliterator(), false).toList();
        assertThat(panels).extracting(p -> p.path("title").asText())
                .containsExactly("Lease rate", "Utilisation per subnet", "NAKs", "Declines", "Publish lag", "Packets dropped",
                        "Publish backlog", "Group commit", "Other DHCP servers", "Unknown devices", "HA pair", "DHCPv6", "Backups");
        assertThat(panels).allSatisfy(p -> assertThat(p.path("targets")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.path("expr").asText()).as(p.path("title").asText()).contains("leaseledger_")));
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheNodesExport() throws IOException {
        String sources = mainSources();
        Pattern metric = Pattern.compile("leaseledger_[a-z0-9_]+");
        Set<String> queried = new TreeSet<>();
        for (JsonNode expr : dashboard(compose.service("grafana")).findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                // Micrometer's Prometheus names: dots become underscores, then _total, _seconds_bucket, ... are appended.
                queried.add(m.group().replaceFirst("(_seconds)?(_total|_bucket|_count|_sum|_max)?$", "").replace('_', '.'));
            }
        }
        assertThat(queried).isNotEmpty();
        for (String name : queried) {
            assertThat(sources).as(name + " is registered in the sources").contains("\"" + name + "\"");
        }
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(ComposeFile.REPOSITORY.resolve("services/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    static JsonNode dashboard(Service grafana) throws IOException {
        Mount json = grafana.mounts().stream().filter(m -> m.target().endsWith(".json")).findFirst().orElseThrow();
        return new ObjectMapper().readTree(compose.hostPath(json).toFile());
    }

    private static Path mountedFile(Service service, String target) {
        Mount mount = service.mounts().stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + " mounts nothing at " + target));
        return compose.hostPath(mount);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }
}
