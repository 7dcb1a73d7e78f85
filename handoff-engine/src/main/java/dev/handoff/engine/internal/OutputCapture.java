package dev.handoff.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Routes what threads print to the attempt they work for. {@code System.out} and {@code
 * System.err} are replaced, while any suite runs, by streams that still write everything through
 * (so Surefire and consoles see it) and also copy each complete line into the {@link AttemptLog}
 * of the current thread. The target is inherited by threads a test starts, so their output
 * belongs to the attempt too; threads of two suites running at once never share a target.
 */
final class OutputCapture {

    private static final InheritableThreadLocal<AttemptLog> TARGET = new InheritableThreadLocal<>();

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
            capturingOut = capturing(originalOut, "stdout");
            capturingErr = capturing(originalErr, "stderr");
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
        }
    }

    /** Makes {@code log} the current thread's target; returns the previous one for {@link #restore}. */
    static AttemptLog begin(AttemptLog log) {
        AttemptLog previous = TARGET.get();
        TARGET.set(log);
        return previous;
    }

    static void restore(AttemptLog previous) {
        PrintStream out = System.out;
        if (out == capturingOut) {
            out.flush();
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

    private static PrintStream capturing(PrintStream original, String stream) {
        Charset charset = original.charset();
        return new PrintStream(new LineRouter(original, stream, charset), true, charset);
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
            original.write(b);
            collect(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            collect(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }

        private void collect(byte[] b, int off, int len) {
            AttemptLog target = TARGET.get();
            if (target == null) {
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
