package io.leaseledger.readside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The process's CPU time by kind of thread (Linux: {@code /proc/self/task/}), for the benchmark's
 * "where does the CPU go": the garbage collector, the JIT compilers, H2's background threads (serialising pages; writing and compacting the file), the
 * threads still alive; a thread that ended between two snapshots (the rebuild's reader and
 * writers) is what the process's total has beyond the live threads.
 */
final class ThreadGroups {
    private ThreadGroups() {}

    /** CPU nanoseconds per group of the threads alive now. */
    static Map<String, Long> cpu() {
        Map<String, Long> groups = new TreeMap<>();
        long tick = 10_000_000L;   // USER_HZ = 100 on Linux
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                    groups.merge(group(name) + ":" + task.getFileName(), ns, Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while listing
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    private static String group(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("H2-serializ")) {
            return "h2-serialization";
        }
        if (name.startsWith("H2") || name.startsWith("MVStore")) {
            return "h2-writer";
        }
        if (name.startsWith("leaseledger-reb")) {
            return "rebuild";
        }
        if (name.equals("java") || name.equals("main")) {
            return "main";
        }
        return "other";
    }

    /** µs per event by group between two snapshots; threads absent from either count as "ended". */
    static String breakdown(Map<String, Long> before, Map<String, Long> after, long processNanos, long events) {
        Map<String, Long> sums = new TreeMap<>();
        long live = 0;
        for (var e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            sums.merge(e.getKey().substring(0, e.getKey().indexOf(':')), delta, Long::sum);
            live += delta;
        }
        sums.put("ended threads", Math.max(0, processNanos - live));
        StringBuilder out = new StringBuilder("CPU us/event by thread:");
        sums.forEach((k, v) -> out.append(String.format(Locale.ROOT, " %s %.1f", k, v / 1e3 / events)));
        return out.toString();
    }
}
