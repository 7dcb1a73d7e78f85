package dev.handoff.daemon.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command reads and writes besides its arguments: the environment ({@code HANDOFF_*}
 * variables) and the two output streams. Tests pass their own instead of the process's.
 */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err) {

    CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
