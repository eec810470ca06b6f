package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion, never longer than its timeout. */
public final class Commands {
    private Commands() {}

    public static CommandResult run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    /**
     * Runs {@code command}; output goes to temporary files (no pipe can fill up and block the
     * child). On timeout the child and its descendants are stopped by PID and the result has
     * exit code -1.
     */
    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, Map.of(), command);
    }

    /** As {@link #run(Duration, List)}, with {@code environment} set over the inherited one. */
    public static CommandResult run(Duration timeout, Map<String, String> environment, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("llt-cmd", ".out");
            err = Files.createTempFile("llt-cmd", ".err");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                Processes.stop(process.toHandle(), Duration.ofSeconds(2));
            }
            int exit = finished ? process.exitValue() : -1;
            String stderr = Files.readString(err) + (finished ? "" : "\n[killed after " + timeout + "]");
            return new CommandResult(command, exit, Files.readString(out), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
