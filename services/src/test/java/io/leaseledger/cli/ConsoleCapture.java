package io.leaseledger.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a command that prints to a stream it is given, and to {@code System.err}, printed: for the
 * tests of {@code check} and {@code restore}. {@code System.err} is swapped only while a command runs.
 */
final class ConsoleCapture {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The stream to hand the command as its standard output. */
    PrintStream out() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** Runs {@code command} with {@code args} as picocli would; its exit code. */
    int run(Object command, String... args) {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(command).execute(args);
        } finally {
            System.setErr(stderr);
        }
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed to the standard output so far. */
    void resetOutput() {
        out.reset();
    }
}
