package io.leaseledger.server;

import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cut-off in a JVM of its own (it lasts for the life of the process, and the test JVM's
 * compiler is not this test's to change): a hot method is compiled by C2 without it, by C1's
 * tier 1 with it.
 */
class C2CutoffTest {

    @Test
    void aHotMethodIsCompiledByC2WithoutTheCutoff() throws Exception {
        assertThat(levelsOfTheHotMethod(false)).contains(4);
    }

    @Test
    void afterTheCutoffAHotMethodGetsC1sTierOneCodeAndNeverC2s() throws Exception {
        Set<Integer> levels = levelsOfTheHotMethod(true);

        assertThat(levels).contains(1).doesNotContain(4);
    }

    @Test
    void theLauncherAsksForItOnlyWithTheProperty() {
        String before = System.getProperty(C2Cutoff.PROPERTY);
        try {
            System.clearProperty(C2Cutoff.PROPERTY);
            assertThat(C2Cutoff.requested()).isFalse();
            System.setProperty(C2Cutoff.PROPERTY, C2Cutoff.AFTER_WARM_UP);
            assertThat(C2Cutoff.requested()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(C2Cutoff.PROPERTY);
            } else {
                System.setProperty(C2Cutoff.PROPERTY, before);
            }
        }
    }

    /** Runs {@link Probe} in a child JVM; the compilation levels its hot method's in-use code had. */
    private static Set<Integer> levelsOfTheHotMethod(boolean cutoff) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m",
                // Called, never inlined: the method itself is what gets compiled.
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,*C2CutoffTest$Probe::hot",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), cutoff ? "cut" : "keep"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the probe ends by itself").isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isZero();
        if (cutoff) {
            assertThat(out).as(out).contains("cutoff: 1 compiler directives added");
        }
        Set<Integer> levels = new TreeSet<>();
        out.lines().filter(l -> l.startsWith("level ")).forEach(l -> levels.add(Integer.parseInt(l.substring(6).strip())));
        assertThat(levels).as(out).isNotEmpty();
        return levels;
    }

    /** The child: optionally cuts C2 off, then calls a method until a final level's code runs it. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("cut")) {
                System.out.println("cutoff: " + C2Cutoff.apply().orElse("refused"));
            }
            ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long sum = 0;
            Set<Integer> seen = new TreeSet<>();
            long settledAt = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 100_000; i++) {
                    sum += hot(i);
                }
                String codes = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics,
                        "compilerCodelist", new Object[]{null}, new String[]{String[].class.getName()});
                for (String line : codes.split("\n")) {
                    // "compile-id level state name [addresses]"; state 0: in use
                    String[] f = line.strip().split(" ");
                    if (f.length > 3 && f[3].contains("C2CutoffTest$Probe.hot") && f[2].equals("0")) {
                        seen.add(Integer.parseInt(f[1]));
                    }
                }
                boolean finalLevel = seen.contains(4) || seen.contains(1);
                if (finalLevel && settledAt == 0) {
                    settledAt = System.nanoTime();
                }
                // Once at a final level, a second more: time for a C2 compilation that would still come.
                if (settledAt != 0 && System.nanoTime() - settledAt > TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
            }
            seen.forEach(level -> System.out.println("level " + level));
            System.out.println("sum " + sum);
        }

        static long hot(int i) {
            return (i * 31L) ^ (i >>> 3);
        }
    }
}
