package dev.handoff.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A stream whose lines go to Maven's log, so that the CLI's progress lines read as the build's. */
final class LogStream extends OutputStream {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> log;

    private LogStream(Consumer<String> log) {
        this.log = log;
    }

    static PrintStream to(Consumer<String> log) {
        return new PrintStream(new LogStream(log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        log.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
