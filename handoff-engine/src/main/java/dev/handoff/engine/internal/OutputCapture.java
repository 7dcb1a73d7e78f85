package dev.handoff.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Routes what threads print to the attempt they work for. {@code System.out} and {@code
 * System.err} are replaced, while any suite runs, by streams that write through (so Surefire and
 * consoles see it; unless the suite's {@code OUTPUT_TO_CONSOLE} is off, as in the daemon, whose own
 * output then stays its own) and also copy each complete line into the {@link AttemptLog} of the
 * current thread. The target is inherited by threads a test starts, so their output
 * belongs to the attempt too; threads of two suites running at once never share a target.
 */
final class OutputCapture {

    private static final InheritableThreadLocal<AttemptLog> TARGET = new InheritableThreadLocal<>();
    /** The routers of the current installation, for partial lines; empty when not installed. */
    private static volatile List<LineRouter> routers = List.of();

    private static int users;
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static PrintStream capturingOut;
    private static PrintStream capturingErr;

    private OutputCapture() {}

    /** Starts routing; pair with {@link #uninstall()}. Nested and concurrent uses share one installation. */
    static synchronized void install() {
        if (users++ == 0) {
            originalOut = System.out;
            originalErr = System.err;
            LineRouter out = new LineRouter(originalOut, "stdout", originalOut.charset());
            LineRouter err = new LineRouter(originalErr, "stderr", originalErr.charset());
            routers = List.of(out, err);
            capturingOut = new PrintStream(out, true, originalOut.charset());
            capturingErr = new PrintStream(err, true, originalErr.charset());
            System.setOut(capturingOut);
            System.setErr(capturingErr);
        }
    }

    static synchronized void uninstall() {
        if (--users == 0) {
            if (System.out == capturingOut) {
                System.setOut(originalOut);
            }
            if (System.err == capturingErr) {
                System.setErr(originalErr);
            }
            capturingOut.flush();
            capturingErr.flush();
            routers = List.of();
        }
    }

    /** The current thread's target, or null. */
    static AttemptLog current() {
        return TARGET.get();
    }

    /** Makes {@code log} the current thread's target; returns the previous one for {@link #restore}. */
    static AttemptLog begin(AttemptLog log) {
        AttemptLog previous = TARGET.get();
        TARGET.set(log);
        return previous;
    }

    /**
     * Makes {@code previous} the current thread's target again. A line the thread began but did
     * not end belongs to the target that is ending, so it is filed there first.
     */
    static void restore(AttemptLog previous) {
        AttemptLog ending = TARGET.get();
        if (ending != null) {
            for (LineRouter router : routers) {
                router.emitPending(ending);
            }
        }
        TARGET.set(previous);
    }

    /**
     * Runs {@code action} with the current thread's output going nowhere but the console: what
     * platform listeners print while the engine forwards events is not part of any attempt.
     */
    static void uncaptured(Runnable action) {
        AttemptLog previous = TARGET.get();
        if (previous == null) {
            action.run();
            return;
        }
        TARGET.set(null);
        try {
            action.run();
        } finally {
            TARGET.set(previous);
        }
    }

    /**
     * Writes a {@code HandoffContext.log} line to the console without capturing it (the engine
     * records it already), so build tools that ignore report entries, Surefire among them, still
     * show it with the test's output.
     */
    static void echo(String line) {
        PrintStream out;
        synchronized (OutputCapture.class) {
            out = users > 0 ? originalOut : System.out;
        }
        out.println(line);
    }

    /** Writes through to the original stream and collects lines per thread. */
    private static final class LineRouter extends OutputStream {
        private final PrintStream original;
        private final String stream;
        private final Charset charset;
        private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        LineRouter(PrintStream original, String stream, Charset charset) {
            this.original = original;
            this.stream = stream;
            this.charset = charset;
        }

        @Override
        public void write(int b) {
            if (toConsole()) {
                original.write(b);
            }
            collect(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (toConsole()) {
                original.write(b, off, len);
            }
            collect(b, off, len);
        }

        /** Output of no attempt (the daemon's own, a listener's) always does; a test's when its suite says so. */
        private static boolean toConsole() {
            AttemptLog target = TARGET.get();
            return target == null || target.toConsole();
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }

        private void collect(byte[] b, int off, int len) {
            AttemptLog target = TARGET.get();
            if (target == null || target.isClosed()) {
                return;
            }
            ByteArrayOutputStream line = pending.get();
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    emit(target, line);
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        /** Files this thread's unfinished line, if any, under {@code target}. */
        void emitPending(AttemptLog target) {
            ByteArrayOutputStream line = pending.get();
            if (line.size() > 0) {
                emit(target, line);
            }
        }

        private void emit(AttemptLog target, ByteArrayOutputStream line) {
            String text = line.toString(charset);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            target.add(stream, text);
        }
    }
}
