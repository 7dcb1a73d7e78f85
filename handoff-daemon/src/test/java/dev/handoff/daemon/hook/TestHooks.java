package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.FinishedTest;
import dev.handoff.api.HookConfig;
import dev.handoff.api.SuiteRunFinishedListener;
import dev.handoff.api.TestFinishedListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Hooks that the hook tests give a daemon: well-behaved, throwing, hanging and slow ones. */
final class TestHooks {

    private TestHooks() {}

    /** Adds a value to each test and to the run, and keeps what it saw. */
    static final class Recording implements TestFinishedListener, SuiteRunFinishedListener {
        final List<FinishedTest> tests = new CopyOnWriteArrayList<>();
        final List<FinishedRun> runs = new CopyOnWriteArrayList<>();
        volatile HookConfig config;
        volatile Consumer<FinishedRun> onRun = run -> {};

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void init(HookConfig config) {
            this.config = config;
        }

        @Override
        public void testFinished(FinishedTest test, ContextValues values) {
            tests.add(test);
            values.put("ticket", "T-" + test.test());
        }

        @Override
        public void suiteRunFinished(FinishedRun run, ContextValues values) {
            onRun.accept(run);
            runs.add(run);
            values.put("dashboard", "https://grafana.example/d/" + run.suite());
        }
    }

    /** Throws from every callback. */
    static final class Throwing
            implements TestFinishedListener, SuiteRunFinishedListener, AsyncSuiteRunFinishedListener {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public void testFinished(FinishedTest test, ContextValues values) {
            values.put("never", "stored");
            throw new IllegalStateException("test hook broke");
        }

        @Override
        public void suiteRunFinished(FinishedRun run, ContextValues values) {
            values.put("never", "stored");
            throw new IllegalStateException("run hook broke");
        }
    }

    /** A sync hook that never returns by itself. */
    static final class Hanging implements SuiteRunFinishedListener {
        final CountDownLatch interrupted = new CountDownLatch(2);

        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public void suiteRunFinished(FinishedRun run, ContextValues values) {
            try {
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
            } catch (InterruptedException e) {
                values.put("too", "late");
                interrupted.countDown();
            }
        }
    }

    /** A test hook that hangs on every test it gets. */
    static final class HangingPerTest implements TestFinishedListener {
        final List<String> called = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "hanging-per-test";
        }

        @Override
        public void testFinished(FinishedTest test, ContextValues values) {
            called.add(test.test());
            try {
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An async hook that waits for the test's go before each run, and keeps the order it saw runs in. */
    static final class Gated implements AsyncSuiteRunFinishedListener {
        final CountDownLatch go = new CountDownLatch(1);
        final List<Long> seen = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public void suiteRunFinished(FinishedRun run, ContextValues values) {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            seen.add(run.number());
            values.put("delivered", "run " + run.number());
        }
    }

    /** An async hook that hangs on the first run it gets, ignoring interrupts, and handles the later ones. */
    static final class HangsOnce implements AsyncSuiteRunFinishedListener {
        final List<Long> handled = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean hung;

        @Override
        public String name() {
            return "hangs-once";
        }

        @Override
        public void suiteRunFinished(FinishedRun run, ContextValues values) {
            if (!hung) {
                hung = true;
                // Ignores interrupts: the lane must abandon it, not wait for it. The test releases it at its end.
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // keeps hanging
                    }
                }
                return;
            }
            handled.add(run.number());
        }
    }
}
