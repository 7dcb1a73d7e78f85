package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.engine.fixtures.StoppableSuite;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class StopSignalTests {

    @Test
    void stopInterruptsTheRunningTestAndFailsTheOnesLeftWithTheReason() throws Exception {
        StoppableSuite.started = new CountDownLatch(1);
        try (StopSignal signal = StopSignal.open()) {
            long start = System.nanoTime();
            CompletableFuture<EngineExecutionResults> execution = CompletableFuture.supplyAsync(
                    () -> run(Map.of(HandoffTestEngine.STOP_SIGNAL, signal.key()), selectClass(StoppableSuite.class)));
            assertThat(StoppableSuite.started.await(10, TimeUnit.SECONDS)).isTrue();

            signal.stop("run cancelled by ops");
            EngineExecutionResults results = execution.get(10, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1, event(testId("waitsToBeStopped"), finishedWithFailure(message("run cancelled by ops"))))
                    .haveExactly(1, event(testId("comesAfter"), finishedWithFailure(message("run cancelled by ops"))));
            results.containerEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(containerId("StoppableSuite"), finishedWithFailure(message("run cancelled by ops"))));
        }
    }

    @Test
    void signalStoppedBeforeTheExecutionRunsNoTest() {
        StoppableSuite.started = new CountDownLatch(1);
        try (StopSignal signal = StopSignal.open()) {
            signal.stop("daemon shutting down");

            EngineExecutionResults results =
                    run(Map.of(HandoffTestEngine.STOP_SIGNAL, signal.key()), selectClass(StoppableSuite.class));

            assertThat(StoppableSuite.started.getCount()).isEqualTo(1);
            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(2, finishedWithFailure(message("daemon shutting down")));
        }
    }

    @Test
    void closedSignalIsIgnored() {
        StopSignal signal = StopSignal.open();
        signal.close();

        assertThat(StopSignal.find(signal.key())).isEmpty();
    }

    @Test
    void firstReasonWins() {
        try (StopSignal signal = StopSignal.open()) {
            signal.stop("first");
            signal.stop("second");

            assertThat(signal.reason()).contains("first");
        }
    }
}
