package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.AttemptResult;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.run.SuiteRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryRunStoreTests {

    private static final Instant T0 = Instant.parse("2025-01-31T12:00:00Z");

    private final InMemoryRunStore store = new InMemoryRunStore();

    @Test
    void runsAreNumberedPerSuiteFromOne() {
        assertThat(store.create("a", T0).id()).isEqualTo(new RunId("a", 1));
        assertThat(store.create("a", T0).id()).isEqualTo(new RunId("a", 2));
        assertThat(store.create("b", T0).id()).isEqualTo(new RunId("b", 1));
    }

    @Test
    void runGoesFromPendingThroughRunningToItsResult() {
        RunId id = store.create("a", T0).id();
        assertThat(store.find(id)).map(SuiteRun::result).hasValue(RunResult.PENDING);

        store.started(id, T0.plusSeconds(1));
        store.attemptFinished(id, new Attempt("t", 1, 1, AttemptResult.PASSED, false, false, Duration.ofMillis(5), Optional.empty(), ""));
        SuiteRun running = store.find(id).orElseThrow();
        assertThat(running.result()).isEqualTo(RunResult.RUNNING);
        assertThat(running.attempts()).hasSize(1);

        store.finished(id, new RunOutcome(RunResult.PASSED, T0.plusSeconds(3), "", Optional.empty()));
        SuiteRun finished = store.find(id).orElseThrow();
        assertThat(finished.result()).isEqualTo(RunResult.PASSED);
        assertThat(finished.duration(T0.plusSeconds(60))).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void lastRunIsTheMostRecentOne() {
        store.create("a", T0);
        RunId second = store.create("a", T0).id();

        assertThat(store.lastRun("a")).map(SuiteRun::id).hasValue(second);
        assertThat(store.lastRun("b")).isEmpty();
    }

    @Test
    void unknownRunIsNotFound() {
        assertThat(store.find(new RunId("a", 1))).isEmpty();
        assertThatThrownBy(() -> store.started(new RunId("a", 1), T0)).hasMessage("no run a #1");
    }
}
