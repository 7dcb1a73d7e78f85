package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.engine.EngineRuns.entries;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.handoff.engine.fixtures.ContextSuite;
import dev.handoff.engine.fixtures.ParallelLogSuiteA;
import dev.handoff.engine.fixtures.ParallelLogSuiteB;
import dev.handoff.engine.fixtures.PassingSuite;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ContextTests {

    @Test
    void logLinesAndPrintedOutputBelongToTheAttempt() {
        var results = run(PassingSuite.class);

        List<String> logs = values(results, "[method:first(", LOG);
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).lines().map(ContextTests::withoutTimestamp))
                .containsExactly(
                        "log hello from first attempt 1", "stdout printed by first", "stderr error printed by first");
        assertThat(logs.get(0)).matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+Z log hello.*");
        assertThat(values(results, "[method:second()]", LOG)).isEmpty();
    }

    @Test
    void setupAndTeardownLogsBelongToTheSuite() {
        var results = run(PassingSuite.class);

        List<String> suiteLogs = results.allEvents().reportingEntryPublished().stream()
                .filter(e -> EngineRuns.id(e).endsWith("[suite:dev.handoff.engine.fixtures.PassingSuite]"))
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs())
                .filter(e -> e.containsKey(LOG))
                .map(e -> e.get(LOG))
                .toList();
        assertThat(suiteLogs).hasSize(1);
        assertThat(suiteLogs.get(0).lines().map(ContextTests::withoutTimestamp))
                .containsExactly("log setting up passing", "stdout setup printed");
    }

    @Test
    void valuesAndSpansReachListenersWithTheAttempt() {
        var results = run(PassingSuite.class);

        assertThat(values(results, "[method:first(", "handoff.value.user")).containsExactly("alice");
        Map<String, String> span = entries(results, "[method:first(").stream()
                .filter(e -> e.containsKey("handoff.span"))
                .findFirst()
                .orElseThrow();
        assertThat(span)
                .containsEntry("handoff.span", "checkout")
                .containsEntry("handoff.span.id", "1")
                .containsEntry("handoff.span.attr.items", "3")
                .containsEntry("handoff.span.attr.paid", "true")
                .containsKeys("handoff.span.start", "handoff.span.end");
    }

    @Test
    void contextKnowsRunNumberParametersAndNames() {
        var results =
                run(Map.of("handoff.run.number", "7", "handoff.param.env", "staging"), selectClass(ContextSuite.class));

        assertThat(values(results, "knowsItsRun", LOG))
                .singleElement()
                .asString()
                .endsWith(" log run=7 env=staging region=none suite=context-suite test=knowsItsRun\n");
        results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(5));
    }

    @Test
    void blankLinesValuesAndPercentSignsDoNotBreakATest() {
        var results = run(ContextSuite.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(values(results, "blankLogLinesAndValuesAreKept", LOG)
                        .get(0)
                        .lines()
                        .map(ContextTests::withoutTimestamp))
                .containsExactly("log ", "log 100%", "log inside span");
        assertThat(values(results, "blankLogLinesAndValuesAreKept", "handoff.value.note"))
                .containsExactly("\"\"");
        assertThat(values(results, "blankLogLinesAndValuesAreKept", "handoff.span.attr.attribute"))
                .containsExactly("\" \"");
    }

    @Test
    void anUnfinishedLineBelongsToTheTestThatPrintedIt() {
        var results = run(ContextSuite.class);

        assertThat(values(results, "printsAnUnfinishedLine", LOG))
                .singleElement()
                .asString()
                .endsWith(" stdout no newline at the end\n");
        assertThat(values(results, "rejectsOddSpanArguments", LOG)).isEmpty();
    }

    @Test
    void runNumberIsZeroOutsideTheDaemon() {
        var results = run(ContextSuite.class);

        assertThat(values(results, "knowsItsRun", LOG))
                .singleElement()
                .asString()
                .contains("run=0 env=none");
    }

    @Test
    void outputOfThreadsStartedByTheTestBelongsToTheAttempt() {
        var results = run(ContextSuite.class);

        assertThat(values(results, "threadsStartedByTheTestBelongToIt", LOG))
                .singleElement()
                .asString()
                .endsWith(" stdout printed by a worker thread\n");
    }

    @Test
    void twoSuitesRunningAtOnceDoNotMixTheirLogs() {
        var a = CompletableFuture.supplyAsync(() -> run(ParallelLogSuiteA.class));
        var b = CompletableFuture.supplyAsync(() -> run(ParallelLogSuiteB.class));

        assertOnlyOwnLines(a.join(), "A");
        assertOnlyOwnLines(b.join(), "B");
    }

    private static void assertOnlyOwnLines(EngineExecutionResults results, String suite) {
        List<String> lines = values(results, "writes", LOG).stream()
                .flatMap(String::lines)
                .map(ContextTests::withoutTimestamp)
                .toList();
        assertThat(lines)
                .hasSize(400)
                .allMatch(line -> line.matches("(stdout " + suite + "-line-|log " + suite + "-log-)\\d+"));
    }

    private static String withoutTimestamp(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }
}
