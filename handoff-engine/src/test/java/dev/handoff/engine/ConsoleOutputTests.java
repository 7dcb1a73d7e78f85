package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.handoff.engine.fixtures.PassingSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/** What reaches the console, and what listeners print, as seen from a launcher (like Surefire's). */
class ConsoleOutputTests {

    @Test
    void logLinesAndPrintedOutputStillReachTheConsole() {
        String console = withConsole(() -> EngineRuns.run(PassingSuite.class));

        assertThat(console)
                .contains(
                        "hello from first attempt 1\n",
                        "printed by first\n",
                        "setting up passing\n",
                        "setup printed\n");
    }

    @Test
    void logLinesStayOffTheConsoleWhenAsked() {
        String console = withConsole(() ->
                EngineRuns.run(java.util.Map.of("handoff.log.console", "false"), selectClass(PassingSuite.class)));

        assertThat(console).contains("printed by first").doesNotContain("hello from first");
    }

    @Test
    void printedOutputStaysOffTheConsoleWhenAskedAndIsStillInTheAttemptsLog() {
        List<String> logs = new CopyOnWriteArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                System.out.println("listener saw end of " + id.getDisplayName());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                if (entry.getKeyValuePairs().containsKey(LOG)) {
                    logs.add(entry.getKeyValuePairs().get(LOG));
                }
            }
        };

        String console = withConsole(() -> LauncherFactory.create()
                .execute(
                        request()
                                .selectors(selectClass(PassingSuite.class))
                                .configurationParameter("handoff.output.console", "false")
                                .build(),
                        listener));

        assertThat(console)
                .doesNotContain("printed by first", "setup printed")
                .contains("listener saw end of first(HandoffContext)");
        assertThat(String.join("", logs)).contains("stdout printed by first", "stdout setup printed");
    }

    @Test
    void whatListenersPrintIsNotPartOfAnyLog() {
        List<String> logs = new CopyOnWriteArrayList<>();
        TestExecutionListener printing = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                System.out.println("listener saw start of " + id.getDisplayName());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                System.out.println("listener saw end of " + id.getDisplayName());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                System.out.println("listener saw an entry");
                if (entry.getKeyValuePairs().containsKey(LOG)) {
                    logs.add(entry.getKeyValuePairs().get(LOG));
                }
            }
        };

        withConsole(() -> LauncherFactory.create()
                .execute(request().selectors(selectClass(PassingSuite.class)).build(), printing));

        assertThat(logs).hasSize(2).noneMatch(log -> log.contains("listener saw"));
    }

    private static String withConsole(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return console.toString(StandardCharsets.UTF_8);
    }
}
