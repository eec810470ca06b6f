package io.leaseledger.it.harness;

import java.util.List;

/** What a finished command printed and how it ended. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an {@link IllegalStateException} naming the command and its output. */
    public CommandResult requireSuccess() {
        if (!succeeded()) {
            throw new IllegalStateException(describe());
        }
        return this;
    }

    public String describe() {
        return String.join(" ", command) + " exited " + exitCode
                + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
