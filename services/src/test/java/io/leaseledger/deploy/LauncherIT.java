package io.leaseledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.CommandResult;
import io.leaseledger.it.harness.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/leaseledger run as an operator runs it (README.md's first commands), the real script and the
 * JVM options it takes from bin/jvm-options: a token created, {@code serve} on a copy of
 * examples/loopback.yaml (loopback only, unprivileged ports, no interface served; its ports moved
 * to free ones and its store into a temporary directory), its health, subnets and a relayed DORA
 * from {@code probe}, a SIGTERM by PID, and a projections rebuild of the store it left.
 *
 * <p>An IT on purpose: failsafe runs it after {@code package}, so the script finds its jar fresh and
 * starts it; it must never build one itself (a Maven run inside Maven's). Each test first asks the
 * script's own staleness rule and fails, running nothing, if the jar would be rebuilt.
 */
@Timeout(600)
class LauncherIT {
    private static final Path REPOSITORY = ComposeFile.REPOSITORY;
    private static final Path LAUNCHER = REPOSITORY.resolve("bin/leaseledger");
    private static final Path EXAMPLE = REPOSITORY.resolve("examples/loopback.yaml");
    /** A cold JVM's warm-up, C2 compiling, on a busy two-core machine: docs/configuration.md says up to 30 s. */
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration COMMAND = Duration.ofSeconds(120);
    private static final Pattern READY = Pattern.compile("LeaseLedger serving .*HTTP API on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path jar;
    private FileTime jarBuilt;

    @BeforeEach
    void theLauncherFindsItsJarFresh() throws IOException {
        String script = Files.readString(LAUNCHER);
        Matcher jarLine = Pattern.compile("(?m)^JAR=.*$").matcher(script);
        Matcher stale = Pattern.compile("(?ms)^stale\\(\\) \\{\\n.*?^\\}$").matcher(script);
        assertThat(jarLine.find()).as("bin/leaseledger names its jar in a JAR= line").isTrue();
        assertThat(stale.find()).as("bin/leaseledger decides on a build in a function stale()").isTrue();
        // The script's own lines, not a copy of its rule: what it would do is what is asked.
        CommandResult asked = Commands.run(Duration.ofSeconds(30), "bash", "-c",
                "set -euo pipefail; ROOT=\"$1\"; " + jarLine.group() + "\n" + stale.group()
                        + "\nif stale; then echo stale; else echo \"fresh $JAR\"; fi", "bash", REPOSITORY.toRealPath().toString());
        assertThat(asked.exitCode()).as(asked.describe()).isZero();
        assertThat(asked.stdout()).as("bin/leaseledger would build its jar (missing, or older than a pom or a main source),"
                + " a Maven build inside this one: run it after package (mvn verify does)").startsWith("fresh ");
        jar = Path.of(asked.stdout().strip().substring("fresh ".length()));
        jarBuilt = Files.getLastModifiedTime(jar);
    }

    @Test
    void theLoopbackExampleServedProbedStoppedAndRebuiltThroughTheLauncher() throws Exception {
        int dhcpPort = freeUdpPort();
        Path config = loopbackExample(dhcpPort, freeTcpPort());

        CommandResult token = launcher(Map.of(), "token", "create", "--config", config.toString(),
                "--role", "read-only", "--name", "launcher-it");
        assertThat(token.exitCode()).as(token.describe()).isZero();
        assertThat(token.stdout().strip()).as("the token alone on stdout").matches("ll_[0-9a-f]{16}_\\S+");
        assertThat(token.stderr()).contains(dir.resolve("data/api-tokens.json").toString());

        ChildProcess serve = ChildProcess.start("bin/leaseledger serve", dir.resolve("serve.log"), dir,
                List.of(LAUNCHER.toString(), "serve", "--config", config.toString()), environment());
        try {
            URI api = URI.create(serve.awaitLine(READY, STARTUP).group(1));
            assertThat(api.getHost()).isEqualTo("127.0.0.1");
            assertThat(serve.log()).as("the warm-up ran C2, cut off after it as the launcher asked")
                    .contains("C2 stopped after the warm-up");
            assertServeJvmOptions(serve.pid(), config);

            JsonNode health = get(api.resolve("/health"), null);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            List<String> served = new ArrayList<>();
            get(api.resolve("/api/v1/subnets"), token.stdout().strip()).forEach(s -> served.add(s.get("cidr").asText()));
            assertThat(served).as("the example's subnets").containsExactlyInAnyOrderElementsOf(exampleSubnets());
            assertThat(health.get("subnets").asInt()).isEqualTo(served.size());

            CommandResult probe = launcher(Map.of(), "probe", "--server", "127.0.0.1:" + dhcpPort);
            assertThat(probe.exitCode()).as("probe's exit code on ACK: %s", probe.describe()).isZero();
            Matcher ack = Pattern.compile("<- DHCPACK .*\\n<- .*yiaddr=(\\S+)").matcher(probe.stdout());
            assertThat(ack.find()).as(probe.stdout()).isTrue();
            assertThat(exampleFirstRangeHolds(ack.group(1))).as("%s in the loopback subnet's pool", ack.group(1)).isTrue();
            JsonNode lease = awaitLease(api, token.stdout().strip(), ack.group(1));
            assertThat(lease.get("state").asText()).isEqualTo("BOUND");

            assertThat(serve.terminate(Duration.ofSeconds(60))).as("the JVM's exit after SIGTERM and its shutdown hook: 128 + 15")
                    .isEqualTo(143);
        } finally {
            serve.close();
        }
        String log = serve.log();
        assertThat(log).contains("DHCP transport closed (received=2 ").contains("failedMessages=0")
                .doesNotContain(" ERROR ").doesNotContain("leaseledger: building");

        CommandResult rebuild = launcher(Map.of("LEASELEDGER_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
                "projections", "rebuild", "--config", config.toString());
        assertThat(rebuild.exitCode()).as(rebuild.describe()).isZero();
        assertThat(rebuild.stdout()).as("the rebuild's JVM: the batch job's collector, from bin/jvm-options")
                .contains("-XX:+UseParallelGC").doesNotContain("-XX:+UseShenandoahGC");
        Matcher rebuilt = Pattern.compile("rebuilt leases, history, log from (\\d+) events").matcher(rebuild.stdout());
        assertThat(rebuilt.find()).as(rebuild.stdout()).isTrue();
        assertThat(Integer.parseInt(rebuilt.group(1))).as("the configuration's events and the DORA's").isPositive();

        assertThat(Files.getLastModifiedTime(jar)).as("the jar the launcher ran is the one package built").isEqualTo(jarBuilt);
    }

    /**
     * The serve JVM's own command line: exactly what bin/jvm-options chooses for serve in this
     * environment, then the jar and the arguments; and what docs/deployment.md documents is there.
     */
    private void assertServeJvmOptions(long pid, Path config) throws IOException {
        List<String> argv = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CommandResult chosen = Commands.run(Duration.ofSeconds(30), environment(), List.of("bash", "-c",
                "set -euo pipefail; . \"$1\"; jvm_options serve \"$2\"; printf '%s\\n' \"${JVM_OPTIONS[@]}\"", "bash",
                REPOSITORY.resolve("bin/jvm-options").toString(), java));
        assertThat(chosen.exitCode()).as(chosen.describe()).isZero();
        List<String> expected = new ArrayList<>(List.of(java));
        expected.addAll(chosen.stdout().lines().toList());
        expected.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
        assertThat(argv).as("the PID the test started is the JVM itself (the script execs it)").isEqualTo(expected);

        assertThat(argv).contains("-Dleaseledger.jit.c2=warm-up", "-XX:+AlwaysPreTouch");
        String xms = argv.stream().filter(o -> o.startsWith("-Xms")).findFirst().orElseThrow();
        String xmx = argv.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow();
        assertThat(xmx.substring(4)).as("a fixed heap").isEqualTo(xms.substring(4)).matches("\\d+m");
        assertThat(Integer.parseInt(xmx.substring(4, xmx.length() - 1))).isBetween(256, 2048);
        assertThat(argv.stream().filter(o -> o.equals("-XX:+UseShenandoahGC") || o.equals("-XX:+UseParallelGC")))
                .as("one collector of the two documented").hasSize(1);
    }

    /** The example with its two ports moved to free ones and its store in the test's directory; comments kept. */
    private Path loopbackExample(int dhcpPort, int apiPort) throws IOException {
        String yaml = Files.readString(EXAMPLE);
        yaml = replaceOnce(yaml, "(?m)^(  port: )6767\\b", "$1" + dhcpPort);
        yaml = replaceOnce(yaml, "(?m)^(  port: )8067\\b", "$1" + apiPort);
        yaml = replaceOnce(yaml, "(?m)^(  path: )\\./data\\b", "$1" + dir.resolve("data"));
        return Files.writeString(dir.resolve("loopback.yaml"), yaml);
    }

    private static String replaceOnce(String text, String regex, String replacement) {
        Pattern pattern = Pattern.compile(regex);
        assertThat(pattern.matcher(text).results().count()).as("examples/loopback.yaml has one line /%s/", regex).isEqualTo(1);
        return pattern.matcher(text).replaceFirst(replacement);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> exampleSubnetBlocks() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(EXAMPLE));
        return (List<Map<String, Object>>) root.get("subnets");
    }

    private static List<String> exampleSubnets() throws IOException {
        return exampleSubnetBlocks().stream().map(s -> (String) s.get("cidr")).toList();
    }

    /** Whether {@code address} lies in the first range of the example's first subnet: the one a probe from 127.0.0.1 draws from. */
    @SuppressWarnings("unchecked")
    private static boolean exampleFirstRangeHolds(String address) throws IOException {
        Map<String, Object> range = ((List<Map<String, Object>>) exampleSubnetBlocks().getFirst().get("ranges")).getFirst();
        Ipv4Address a = Ipv4Address.parse(address);
        return a.compareTo(Ipv4Address.parse((String) range.get("start"))) >= 0
                && a.compareTo(Ipv4Address.parse((String) range.get("end"))) <= 0;
    }

    /** The projections follow the log within their poll interval: the lease, once the read side shows it (bounded). */
    private static JsonNode awaitLease(URI api, String token, String address) throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 200; i++) {
            last = send(api.resolve("/api/v1/leases/" + address), token);
            if (last.statusCode() == 200) {
                return JSON.readTree(last.body());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET /api/v1/leases/" + address + " never answered 200; last: " + last.statusCode() + " " + last.body());
    }

    private static JsonNode get(URI uri, String token) throws Exception {
        HttpResponse<String> response = send(uri, token);
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A short-lived subcommand through the launcher; stops it by PID if it outlives {@link #COMMAND}. */
    private CommandResult launcher(Map<String, String> extra, String... arguments) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>(environment());
        environment.putAll(extra);
        CommandResult result = Commands.run(COMMAND, environment, command);
        assertThat(result.stderr()).as("the launcher built nothing").doesNotContain("leaseledger: building");
        return result;
    }

    /**
     * The JDK running this test for the launcher (it finds $JAVA_HOME first), and none of the
     * operator's own JVM options that the machine's environment might hold.
     */
    private static Map<String, String> environment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "LEASELEDGER_JAVA_OPTS", "");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
