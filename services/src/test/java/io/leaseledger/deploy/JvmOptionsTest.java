package io.leaseledger.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/jvm-options, which both launchers source: the options each subcommand starts the JVM with,
 * and that an option of the operator's own in LEASELEDGER_JAVA_OPTS takes the launcher's choice
 * of that kind out instead of fighting it.
 */
class JvmOptionsTest {

    private static final Path OPTIONS = ComposeFile.REPOSITORY.resolve("bin/jvm-options");
    private static final List<String> ALWAYS = List.of("--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled");

    @Test
    void serveRunsTheBenchmarkedHeapCollectorAndJit() throws Exception {
        List<String> options = optionsFor("serve", "");
        assertThat(options).startsWith(ALWAYS.toArray(String[]::new))
                .contains("-Dleaseledger.jit.c2=warm-up", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC");
        assertThat(options.contains("-XX:+UseTransparentHugePages")).as("huge pages asked for exactly where the kernel offers them")
                .isEqualTo(transparentHugePagesOffered());
    }

    @Test
    void anOperatorsOwnOptionReplacesTheLaunchersChoiceOfThatKind() throws Exception {
        assertThat(optionsFor("serve", "-Xmx512m")).doesNotContain("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch")
                .contains("-XX:+UseParallelGC", "-Dleaseledger.jit.c2=warm-up");
        assertThat(optionsFor("serve", "-Xms4g")).doesNotContain("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");
        assertThat(optionsFor("serve", "-XX:+UseZGC")).doesNotContain("-XX:+UseParallelGC").contains("-Xmx2g");
        assertThat(optionsFor("serve", "-XX:-UseTransparentHugePages")).doesNotContain("-XX:+UseTransparentHugePages");
        assertThat(optionsFor("serve", "-XX:TieredStopAtLevel=1")).doesNotContain("-Dleaseledger.jit.c2=warm-up");
        // A log option that names the collector in lower case is not a collector of its own.
        assertThat(optionsFor("serve", "-Xlog:gc:file=/tmp/gc.log")).contains("-XX:+UseParallelGC", "-Xmx2g");
    }

    @Test
    void aRebuildRunsTheThroughputCollectorAndEveryOtherCommandTheJvmsDefaults() throws Exception {
        assertThat(optionsFor("projections", "")).containsExactly(ALWAYS.get(0), ALWAYS.get(1), "-XX:+UseParallelGC");
        assertThat(optionsFor("projections", "-XX:+UseG1GC")).containsExactlyElementsOf(ALWAYS);
        for (String command : List.of("probe", "leases", "token", "")) {
            assertThat(optionsFor(command, "")).as(command).containsExactlyElementsOf(ALWAYS);
        }
    }

    private static List<String> optionsFor(String subcommand, String userOptions) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c",
                ". \"$1\" && jvm_options \"$2\" && printf '%s\\n' \"${JVM_OPTIONS[@]}\"", "bash", OPTIONS.toString(), subcommand);
        bash.environment().put("LEASELEDGER_JAVA_OPTS", userOptions);
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
