package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running child (server, relay, client, capture) tracked by its PID, its stdout and
 * stderr merged into a log file. Closing it stops it by PID: SIGTERM, then SIGKILL after a
 * grace period. A shutdown hook does the same if the test never got to close it.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    private final Cleanup.Action cleanup;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.cleanup = Cleanup.register("stop " + name + " (pid " + process.pid() + ")",
                () -> Processes.stop(process.toHandle(), GRACE));
    }

    /** Starts {@code command} in {@code workDir}; its output goes to {@code log}. */
    public static ChildProcess start(String name, Path log, Path workDir, List<String> command) {
        return start(name, log, workDir, command, Map.of());
    }

    /** As {@link #start(String, Path, Path, List)}, with {@code environment} set over the inherited one. */
    public static ChildProcess start(String name, Path log, Path workDir, List<String> command,
                                     Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the child printed so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return name + " (pid " + pid() + ") log, last lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * Waits until the log has {@code count} lines matching {@code pattern} and returns the
     * last such match. Fails, with the log tail, on timeout or if the child exits first.
     */
    public MatchResult awaitLine(Pattern pattern, int count, Duration timeout) {
        MatchResult[] found = new MatchResult[1];
        awaitOrFail("log line /" + pattern + "/ x" + count, timeout, () -> {
            Matcher m = pattern.matcher(log());
            int seen = 0;
            MatchResult last = null;
            while (m.find()) {
                seen++;
                last = m.toMatchResult();
            }
            found[0] = last;
            return seen >= count;
        });
        return found[0];
    }

    public MatchResult awaitLine(Pattern pattern, Duration timeout) {
        return awaitLine(pattern, 1, timeout);
    }

    /** Polls {@code condition} until true; fails with the log tail on timeout or early exit. */
    public void awaitOrFail(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                if (condition.getAsBoolean()) {
                    return;
                }
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before " + what
                        + "\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " from " + name + " within " + timeout + "\n" + logTail());
            }
            sleep(100);
        }
    }

    /** Waits for the child to exit by itself; its exit code, or empty on timeout. */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The executable the PID runs now (after {@code ip netns exec} has exec'd, the real program). */
    public Optional<String> executable() {
        return process.info().command();
    }

    /**
     * {@code kill -9} by PID, no grace: what a crash looks like to the child. Waits up to
     * {@code timeout} for the process to be gone; fails if it is not.
     */
    public void killNow(Duration timeout) {
        process.destroyForcibly();
        if (awaitExit(timeout).isEmpty()) {
            throw new AssertionError(name + " (pid " + pid() + ") still alive " + timeout + " after SIGKILL");
        }
        cleanup.run();
    }

    /**
     * {@code SIGSTOP} by PID, and waits until every thread of the child is stopped (state
     * {@code T} in {@code /proc/PID/task/TID/stat}): from then on it issues no system call, so
     * nothing it does races what the test does next. Returns the instant it was seen stopped;
     * fails, naming the threads still running, if that takes longer than {@code timeout}.
     */
    public Instant freeze(Duration timeout) {
        Commands.run(Duration.ofSeconds(5), "kill", "-STOP", Long.toString(pid())).requireSuccess();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> running = runningThreads();
            if (running.isEmpty()) {
                return Instant.now();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " (pid " + pid() + ") not stopped " + timeout
                        + " after SIGSTOP; threads not yet stopped: " + running);
            }
            sleep(1);
        }
    }

    /** The child's threads whose state is not stopped ({@code T}, or {@code t} under a tracer). */
    private List<String> runningThreads() {
        Path tasks = Path.of("/proc", Long.toString(pid()), "task");
        try (var threads = Files.list(tasks)) {
            return threads.map(task -> task.getFileName() + ":" + threadState(task))
                    .filter(state -> !state.endsWith(":T") && !state.endsWith(":t") && !state.endsWith(":gone"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + name + " in " + tasks, e);
        }
    }

    /** The state letter of {@code /proc/PID/task/TID/stat}: the field after the ")" that closes the name. */
    private static String threadState(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "gone"; // the thread exited between the listing and the read
        }
    }

    /**
     * SIGTERM by PID, as systemd or Ctrl-C stops a server; waits up to {@code timeout} for it to
     * exit by itself and returns its exit code; fails if it is still running then.
     */
    public int terminate(Duration timeout) {
        process.destroy();
        Optional<Integer> exit = awaitExit(timeout);
        if (exit.isEmpty()) {
            throw new AssertionError(name + " (pid " + pid() + ") still alive " + timeout + " after SIGTERM");
        }
        cleanup.run();
        return exit.get();
    }

    /** Stops the child by PID (idempotent). */
    @Override
    public void close() {
        cleanup.run();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
