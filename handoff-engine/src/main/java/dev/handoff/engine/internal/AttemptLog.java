package dev.handoff.engine.internal;

import java.time.Instant;

/**
 * The log lines of one attempt (or of a suite's setup and teardown), in the order they were
 * written: {@code HandoffContext.log} lines and what the test's threads printed.
 */
final class AttemptLog {

    /** Null until the first line: most attempts of a quick suite print nothing. */
    private StringBuilder lines;

    private boolean closed;
    private volatile boolean toConsole = true;

    /** Whether what is printed for this log also reaches the console (see {@code OUTPUT_TO_CONSOLE}). */
    boolean toConsole() {
        return toConsole;
    }

    AttemptLog toConsole(boolean toConsole) {
        this.toConsole = toConsole;
        return this;
    }

    /** Adds the text's lines; after {@link #close()} they are dropped (the attempt is over). */
    synchronized void add(String stream, String text) {
        if (closed) {
            return;
        }
        String timestamp = Instant.now().toString();
        StringBuilder out = lines();
        for (String line : text.split("\\R", -1)) {
            out.append(timestamp)
                    .append(' ')
                    .append(stream)
                    .append(' ')
                    .append(line)
                    .append('\n');
        }
    }

    /** Adds lines another log drained (each already stamped), unless this log is closed. */
    synchronized void addLines(String stamped) {
        if (!closed) {
            lines().append(stamped);
        }
    }

    /**
     * No more lines: threads that inherited this log from a finished attempt (pool threads) must
     * not keep filling it.
     */
    synchronized void close() {
        closed = true;
        lines = null;
    }

    private StringBuilder lines() {
        if (lines == null) {
            lines = new StringBuilder();
        }
        return lines;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The lines written so far, and forgets them. */
    synchronized String drain() {
        if (lines == null || lines.isEmpty()) {
            return "";
        }
        String text = lines.toString();
        lines.setLength(0);
        return text;
    }
}
