package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.fail;

import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waiting for runs in tests, never for long. */
public final class Runs {

    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Runs() {}

    public static SuiteRun awaitFinished(RunStore store, RunId id) {
        return await(store, id, run -> run.result().isFinished(), "finished");
    }

    public static SuiteRun awaitResult(RunStore store, RunId id, RunResult result) {
        return await(store, id, run -> run.result() == result, result.label());
    }

    private static SuiteRun await(RunStore store, RunId id, Predicate<SuiteRun> condition, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            SuiteRun run = store.find(id).orElseThrow(() -> new AssertionError("no run " + id));
            if (condition.test(run)) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("run %s not %s after %s: %s", id, what, PATIENCE, run);
            }
            sleep();
        }
    }

    public static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
