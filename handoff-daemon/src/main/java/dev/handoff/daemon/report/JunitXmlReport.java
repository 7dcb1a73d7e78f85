package dev.handoff.daemon.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * A stored run as JUnit XML, in the legacy "Ant" format CI servers read, written by JUnit's own
 * {@link LegacyXmlReportGeneratingListener} rather than by hand.
 *
 * <p>The listener only listens to executions, so the run is executed again, as a replay: a private
 * {@link ReplayEngine}, the only engine of a launcher of its own (no engine, listener, filter or
 * configuration is picked up from the classpath, so no user extension sees the replay), reports one
 * test per attempt with its stored outcome. Each attempt is a {@code <testcase>}: a failed one a
 * {@code <failure>} with the stored message and trace; a retried attempt, a soft failure and a
 * skipped test {@code <skipped>}, with the engine's words for why ({@code attempt 1 of 3 failed,
 * will retry: ...}, {@code soft failure: ...}); its log the testcase's {@code <system-out>}. A suite
 * that failed (or was cancelled) adds a testcase named after the suite.
 *
 * <p>What the listener cannot know is written over its report afterwards ({@link ReportRewriter}):
 * stored times, the run's start, and the run's facts as {@code <properties>} instead of the daemon
 * JVM's system properties, which may hold secrets; a test whose failure a quarantine made soft adds
 * {@code quarantined.TEST} with the quarantine's reason. The suite's setup log is the
 * {@code <testsuite>}'s own {@code <system-out>}. Run parameters are left out: they may hold
 * credentials too.
 *
 * <p>Each call uses its own launcher and its own temporary reports directory, removed afterwards;
 * calls may run concurrently.
 */
public final class JunitXmlReport {

    private JunitXmlReport() {}

    /**
     * The run as JUnit XML (the legacy "Ant" format CI servers read), every attempt a testcase.
     *
     * @param attempts every attempt of every test of the run, in the order they finished
     * @param setupLog the log of the suite's setup and teardown
     * @return the XML document; its declaration says UTF-8, so send it encoded as such
     */
    public static String render(SuiteRun run, List<Attempt> attempts, String setupLog) {
        return render(run, attempts, setupLog, Optional.empty());
    }

    /**
     * As {@link #render(SuiteRun, List, String)}, with each testcase's {@code classname} the test's
     * own class ({@code ShopSuite}, {@code ShopSuite$Checkout} for a {@code @Nested} class), as Surefire
     * writes it, so that CI servers group the daemon's tests as they group the build's.
     *
     * @param suiteClass the suite's class name, when the daemon still serves the suite
     */
    public static String render(SuiteRun run, List<Attempt> attempts, String setupLog, Optional<String> suiteClass) {
        List<ReplayedTest> tests = new ArrayList<>();
        List<Optional<String>> traceIds = new ArrayList<>();
        for (Attempt attempt : attempts) {
            for (ReplayedTest test : ReplayedTest.withInvocations(attempt)) {
                tests.add(suiteClass.map(c -> test.inClassOf(c, attempt.test())).orElse(test));
                traceIds.add(attempt.traceId());
            }
        }
        ReplayedTest.ofSuite(run)
                .map(test -> suiteClass
                        .map(c -> new ReplayedTest(
                                test.name(), test.ending(), test.failure(), test.log(), test.time(), Optional.of(c)))
                        .orElse(test))
                .ifPresent(tests::add);
        Path reports = temporaryDirectory();
        try {
            Path report = replay(run.id().suite(), tests, reports);
            return ReportRewriter.rewrite(report, facts(run, attempts, tests, traceIds, setupLog));
        } finally {
            delete(reports);
        }
    }

    private static Path replay(String suite, List<ReplayedTest> tests, Path reports) {
        StringWriter problems = new StringWriter();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestEngines(new ReplayEngine(suite, tests))
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(ReplayEngine.engineId()))
                .enableImplicitConfigurationParameters(false)
                .build();
        launcher.execute(request, new LegacyXmlReportGeneratingListener(reports, new PrintWriter(problems, true)));
        Path report = reports.resolve("TEST-" + ReplayEngine.ID + ".xml");
        if (!Files.isRegularFile(report)) {
            throw new IllegalStateException(
                    "JUnit's legacy XML listener wrote no report for " + suite + ": " + problems);
        }
        return report;
    }

    private static StoredFacts facts(
            SuiteRun run,
            List<Attempt> attempts,
            List<ReplayedTest> tests,
            List<Optional<String>> traceIds,
            String setupLog) {
        Instant start = run.startedAt().orElse(run.createdAt());
        Instant end = run.finishedAt()
                .orElseGet(() -> attempts.stream()
                        .map(Attempt::finishedAt)
                        .max(Comparator.naturalOrder())
                        .orElse(start));
        // Without the time a retried run sat finished before its retry, as the run's duration everywhere.
        Duration duration = run.startedAt()
                .map(s -> Duration.between(s, end).minus(run.idle()))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        SequencedMap<String, ReplayedTest> testcases = new LinkedHashMap<>();
        Map<String, String> testcaseTraces = new HashMap<>();
        for (int i = 0; i < tests.size(); i++) {
            String id = ReplayEngine.testId(i).toString();
            testcases.put(id, tests.get(i));
            if (i < traceIds.size()) {
                traceIds.get(i).ifPresent(traceId -> testcaseTraces.put(id, traceId));
            }
        }
        SequencedMap<String, String> properties = properties(run);
        // A quarantined test's forgiven failure: CI readers see why the soft failure did not fail the run.
        attempts.stream()
                .filter(attempt -> attempt.values().containsKey(Quarantine.VALUE_KEY))
                .forEach(attempt -> properties.put(
                        "quarantined." + attempt.test(), attempt.values().get(Quarantine.VALUE_KEY)));
        return new StoredFacts(start, duration, properties, setupLog, testcases, testcaseTraces);
    }

    /** What a CI user wants to know about the run, where the listener would put system properties. */
    private static SequencedMap<String, String> properties(SuiteRun run) {
        SequencedMap<String, String> properties = new LinkedHashMap<>();
        properties.put("suite", run.id().suite());
        properties.put("run", Long.toString(run.id().number()));
        properties.put("result", run.result().label());
        run.request().ref().ifPresent(ref -> properties.put("ref", ref));
        properties.put("initiatedBy", run.request().initiatedBy());
        run.request().caller().ifPresent(caller -> properties.put("caller", caller));
        properties.put("environment", run.environment());
        run.request().filter().ifPresent(filter -> properties.put("filter", filter));
        run.startedAt().ifPresent(at -> properties.put("startedAt", at.toString()));
        run.finishedAt().ifPresent(at -> properties.put("finishedAt", at.toString()));
        // Testcases are attempts (a retried attempt is a skipped one), so the testsuite's own numbers
        // count attempts; these count tests by their latest attempt, as the API, the pages and the CLI do.
        TestCounts counts = run.counts();
        properties.put("tests.passed", Integer.toString(counts.passed()));
        properties.put("tests.failed", Integer.toString(counts.failed()));
        properties.put("tests.softFailed", Integer.toString(counts.softFailed()));
        properties.put("tests.skipped", Integer.toString(counts.skipped()));
        properties.put("tests.flaky", Integer.toString(counts.flaky()));
        return properties;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("handoff-junit-xml-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for a JUnit XML report: " + e.getMessage(), e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory must not cost the caller its report.
        }
    }
}
