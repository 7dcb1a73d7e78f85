package dev.handoff.daemon.execution;

import java.io.Serial;
import java.util.List;

/**
 * Why a forked run's JVM ended before its run did, in one line: what ended it (an exit code, a
 * signal, an exhausted heap) and what it was doing (the tests it was running). Also the failure of
 * those tests, with no stack trace of the daemon's to mislead.
 */
final class ForkDeath extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final String OUT_OF_MEMORY = "java.lang.OutOfMemoryError";

    ForkDeath(String reason) {
        super(reason, null, false, false);
    }

    /**
     * @param exit the JVM's exit code (128 + the signal's number when a signal ended it)
     * @param connected whether it got as far as asking for its run
     * @param running the tests it was running
     * @param lastFinished the display name of the test it finished last, if any
     * @param output its last lines of output (JVM messages: a heap exhausted, a bad option)
     */
    static String reason(int exit, boolean connected, List<String> running, String lastFinished, List<String> output) {
        if (!connected) {
            return "the run's JVM exited with code " + exit + " before it started the run"
                    + output.stream()
                            .filter(line -> !line.isBlank())
                            .reduce((first, second) -> second)
                            .map(line -> ": " + line.strip())
                            .orElse("");
        }
        String where = running.isEmpty()
                ? (lastFinished == null ? " before its first test" : " after test " + lastFinished)
                : running.size() == 1
                        ? " while running test " + running.getFirst()
                        : " while running tests " + String.join(", ", running);
        String memory = output.stream()
                .filter(line -> line.contains(OUT_OF_MEMORY))
                .map(line -> line.substring(line.indexOf(OUT_OF_MEMORY)).strip())
                .findFirst()
                .orElse(null);
        if (memory != null) {
            return "the run's JVM ran out of memory (" + memory + ")" + where
                    + "; give it more with --fork-jvm-args -Xmx...";
        }
        if (exit > 128) {
            return "the run's JVM was killed by signal " + (exit - 128) + where;
        }
        return "the run's JVM exited with code " + exit + where;
    }
}
