package io.leaseledger.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/jvm-options, which both launchers source: the options each subcommand starts the JVM with,
 * and that an option of the operator's own in LEASELEDGER_JAVA_OPTS takes the launcher's choice
 * of that kind out instead of fighting it.
 */
class JvmOptionsTest {

    @TempDir
    Path dir;

    private static final Path OPTIONS = ComposeFile.REPOSITORY.resolve("bin/jvm-options");
    private static final String SHENANDOAH = "-XX:+UseShenandoahGC";
    private static final String PARALLEL = "-XX:+UseParallelGC";
    private static final List<String> ALWAYS = List.of("--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled");

    @Test
    void serveRunsTheBenchmarkedHeapCollectorAndJit() throws Exception {
        List<String> options = optionsFor("serve", "");
        assertThat(options).startsWith(ALWAYS.toArray(String[]::new))
                .contains("-Dleaseledger.jit.c2=warm-up", "-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch", SHENANDOAH);
        assertThat(options.contains("-XX:+UseTransparentHugePages")).as("huge pages asked for exactly where the kernel offers them")
                .isEqualTo(transparentHugePagesOffered());
    }

    @Test
    void serveFallsBackToTheParallelCollectorOnAJvmWithoutShenandoah() throws Exception {
        Path oracleLike = fakeJava("oracle-like", "echo \"Unrecognized VM option 'UseShenandoahGC'\" >&2; exit 1");
        assertThat(optionsFor("serve", "", oracleLike)).contains(PARALLEL).doesNotContain(SHENANDOAH);
        assertThat(optionsFor("serve", "", dir.resolve("no-such-java"))).contains(PARALLEL).doesNotContain(SHENANDOAH);
    }

    @Test
    void theCollectorChosenForTheRealJvmIsOneItStartsWith() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> collectors = optionsFor("serve", "", java).stream().filter(o -> o.endsWith("GC")).toList();
        assertThat(collectors).hasSize(1);
        Process version = new ProcessBuilder(java.toString(), collectors.getFirst(), "-version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).as(out).isZero();
    }

    @Test
    void anOperatorsOwnOptionReplacesTheLaunchersChoiceOfThatKind() throws Exception {
        assertThat(optionsFor("serve", "-Xmx512m")).doesNotContain("-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch")
                .contains(SHENANDOAH, "-Dleaseledger.jit.c2=warm-up");
        assertThat(optionsFor("serve", "-Xms4g")).doesNotContain("-Xms2048m", "-Xmx2048m", "-XX:+AlwaysPreTouch");
        assertThat(optionsFor("serve", "-XX:MaxRAMPercentage=50")).doesNotContain("-Xmx2048m", "-XX:+AlwaysPreTouch");
        // -Xmx and -Xms by their long names are the same choice.
        assertThat(optionsFor("serve", "-XX:MaxHeapSize=1g")).doesNotContain("-Xmx2048m", "-XX:+AlwaysPreTouch");
        assertThat(optionsFor("serve", "-XX:InitialHeapSize=1g")).doesNotContain("-Xms2048m", "-XX:+AlwaysPreTouch");
        assertThat(optionsFor("serve", "-XX:+UseZGC")).doesNotContain(SHENANDOAH, PARALLEL).contains("-Xmx2048m");
        assertThat(optionsFor("serve", "-XX:-UseTransparentHugePages")).doesNotContain("-XX:+UseTransparentHugePages");
        assertThat(optionsFor("serve", "-XX:TieredStopAtLevel=1")).doesNotContain("-Dleaseledger.jit.c2=warm-up");
        // A log option that names the collector in lower case is not a collector of its own.
        assertThat(optionsFor("serve", "-Xlog:gc:file=/tmp/gc.log")).contains(SHENANDOAH, "-Xmx2048m");
    }

    @Test
    void theHeapIsAQuarterOfTheMemoryThereIsUpTo2GibAndNoLessThan256Mib() throws Exception {
        assertThat(heapOn("MemTotal:       24683548 kB", "max")).containsExactly("-Xms2048m", "-Xmx2048m");
        assertThat(heapOn("MemTotal:        4000000 kB", null)).containsExactly("-Xms976m", "-Xmx976m");
        // A container's cgroup limit below the host's memory is what counts, as it does for the JVM.
        assertThat(heapOn("MemTotal:       24683548 kB", "2147483648")).containsExactly("-Xms512m", "-Xmx512m");
        assertThat(heapOn("MemTotal:        4000000 kB", "68719476736")).containsExactly("-Xms976m", "-Xmx976m");
        assertThat(heapOn("MemTotal:         500000 kB", null)).containsExactly("-Xms256m", "-Xmx256m");
        // Unreadable: the full heap, and the launcher still starts.
        assertThat(heapOn("MemTotal:        garbage kB", "not a number")).containsExactly("-Xms2048m", "-Xmx2048m");
        assertThat(optionsFor("serve", "", Map.of("JVM_OPTIONS_MEMINFO", dir.resolve("missing").toString(),
                "JVM_OPTIONS_CGROUP_MAX", dir.resolve("missing-too").toString()))).contains("-Xms2048m", "-Xmx2048m");
    }

    private List<String> heapOn(String memTotal, String cgroupMax) throws Exception {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemFree:  100 kB\n" + memTotal + "\n");
        Path limit = dir.resolve("memory.max");
        Files.deleteIfExists(limit);
        if (cgroupMax != null) {
            Files.writeString(limit, cgroupMax + "\n");
        }
        return optionsFor("serve", "", Map.of("JVM_OPTIONS_MEMINFO", meminfo.toString(), "JVM_OPTIONS_CGROUP_MAX", limit.toString()))
                .stream().filter(o -> o.startsWith("-Xm")).toList();
    }

    @Test
    void aRebuildRunsTheThroughputCollectorWithoutH2sValueCacheAndEveryOtherCommandTheJvmsDefaults() throws Exception {
        assertThat(optionsFor("projections", "")).containsExactly(ALWAYS.get(0), ALWAYS.get(1), "-XX:+UseParallelGC",
                "-Dh2.objectCache=false");
        assertThat(optionsFor("projections", "-XX:+UseG1GC")).containsExactly(ALWAYS.get(0), ALWAYS.get(1),
                "-Dh2.objectCache=false");
        assertThat(optionsFor("projections", "-Dh2.objectCache=true")).containsExactly(ALWAYS.get(0), ALWAYS.get(1),
                "-XX:+UseParallelGC");
        assertThat(optionsFor("projections", "-XX:+UseG1GC -Dh2.objectCache=true")).containsExactlyElementsOf(ALWAYS);
        for (String command : List.of("probe", "leases", "token", "")) {
            assertThat(optionsFor(command, "")).as(command).containsExactlyElementsOf(ALWAYS);
        }
    }

    /**
     * The options on a host with 24 GiB and no cgroup limit, as this project's machines have, for a
     * java that starts with Shenandoah.
     */
    private List<String> optionsFor(String subcommand, String userOptions) throws IOException, InterruptedException {
        return optionsFor(subcommand, userOptions, fakeJava("with-shenandoah", "exit 0"));
    }

    private List<String> optionsFor(String subcommand, String userOptions, Path java) throws IOException, InterruptedException {
        Path meminfo = Files.writeString(dir.resolve("meminfo-24g"), "MemTotal:       24683548 kB\n");
        return optionsFor(subcommand, userOptions, java,
                Map.of("JVM_OPTIONS_MEMINFO", meminfo.toString(), "JVM_OPTIONS_CGROUP_MAX", dir.resolve("none").toString()));
    }

    private List<String> optionsFor(String subcommand, String userOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        return optionsFor(subcommand, userOptions, fakeJava("with-shenandoah", "exit 0"), environment);
    }

    /** A stand-in for java that answers the launcher's question about its collectors with {@code body}. */
    private Path fakeJava(String name, String body) throws IOException {
        Path java = dir.resolve(name);
        Files.writeString(java, "#!/bin/sh\n" + body + "\n");
        java.toFile().setExecutable(true);
        return java;
    }

    private static List<String> optionsFor(String subcommand, String userOptions, Path java, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c",
                // As the launchers run it: errexit, nounset, pipefail.
                "set -euo pipefail; . \"$1\"; jvm_options \"$2\" \"$3\"; printf '%s\\n' \"${JVM_OPTIONS[@]}\"", "bash",
                OPTIONS.toString(), subcommand, java.toString());
        bash.environment().put("LEASELEDGER_JAVA_OPTS", userOptions);
        bash.environment().putAll(environment);
        bash.redirectErrorStream(true);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static boolean transparentHugePagesOffered() throws IOException {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        return Files.isReadable(mode) && !Files.readString(mode).contains("[never]");
    }
}
