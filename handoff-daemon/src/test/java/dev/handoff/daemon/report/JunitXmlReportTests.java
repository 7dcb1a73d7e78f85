package dev.handoff.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlReportTests {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final String TRACE = """
            org.opentest4j.AssertionFailedError: expected: <1> but was: <2>
            \tat com.acme.CheckoutSuite.fails(CheckoutSuite.java:42)
            """;
    private static final String RETRY_TRACE = """
            java.lang.IllegalStateException: connection refused
            \tat com.acme.CheckoutSuite.flaky(CheckoutSuite.java:50)
            """;

    @Test
    void testsuiteCountsEveryAttemptWithFailuresAndSkipped() {
        Element testsuite =
                render(run(RunResult.FAILED), standardAttempts(), "").getDocumentElement();

        assertThat(testsuite.getAttribute("name")).isEqualTo("CheckoutSuite");
        assertThat(testsuite.getAttribute("tests")).isEqualTo("6");
        assertThat(testsuite.getAttribute("failures")).isEqualTo("1");
        assertThat(testsuite.getAttribute("errors")).isEqualTo("0");
        assertThat(testsuite.getAttribute("skipped")).isEqualTo("3");
    }

    @Test
    void everyAttemptIsATestcaseNamedAfterItsTestAndAttemptInTheOrderTheyFinished() {
        List<Element> testcases = testcases(render(run(RunResult.FAILED), standardAttempts(), ""));

        assertThat(testcases)
                .extracting(t -> t.getAttribute("name"))
                .containsExactly("passes", "fails", "flaky", "flaky (attempt 2)", "soft", "skipped");
        assertThat(testcases).extracting(t -> t.getAttribute("classname")).containsOnly("CheckoutSuite");
    }

    @Test
    void failedAttemptCarriesTheStoredMessageTypeAndTrace() {
        Element failure = only(testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "fails"), "failure");

        assertThat(failure.getAttribute("message")).isEqualTo("expected: <1> but was: <2>");
        assertThat(failure.getAttribute("type")).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.getTextContent().strip()).isEqualTo(TRACE.strip());
    }

    @Test
    void retriedAttemptIsSkippedWithTheEngineWordsAndTheTrace() {
        Element skipped = only(testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "flaky"), "skipped");

        assertThat(skipped.getTextContent())
                .startsWith("attempt 1 of 3 failed, will retry: connection refused")
                .contains(RETRY_TRACE.strip());
    }

    @Test
    void retriedAttemptWhoseStoredMessageHasTheEngineWordsKeepsThem() {
        String message = "attempt 1 of 2 failed, will retry: timeout";
        Attempt retried = attempt(
                "slow",
                1,
                AttemptResult.RETRYING,
                Duration.ofSeconds(1),
                Optional.of(new Failure(message, "dev.handoff.api.AttemptFailedException: " + message + "\n")),
                "");

        Element skipped = only(testcase(render(run(RunResult.FAILED), List.of(retried), ""), "slow"), "skipped");

        assertThat(skipped.getTextContent()).startsWith(message + "\n").doesNotContain("will retry: attempt");
    }

    @Test
    void softFailureIsSkippedWithItsMessage() {
        Element skipped = only(testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "soft"), "skipped");

        assertThat(skipped.getTextContent()).startsWith("soft failure: known bug");
    }

    @Test
    void skippedTestIsSkippedWithItsReason() {
        Element skipped = only(testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "skipped"), "skipped");

        assertThat(skipped.getTextContent().strip()).isEqualTo("suite setup failed: no database");
    }

    @Test
    void attemptLogIsTheTestcaseOnlySystemOut() {
        Element passes = testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "passes");

        assertThat(children(passes, "system-out"))
                .singleElement()
                .extracting(e -> e.getTextContent().strip())
                .isEqualTo("2025-03-01T10:00:00.100Z stdout placing an order");
    }

    @Test
    void testcaseTimeIsTheStoredDuration() {
        Element passes = testcase(render(run(RunResult.FAILED), standardAttempts(), ""), "passes");

        assertThat(passes.getAttribute("time")).isEqualTo("1.5");
    }

    @Test
    void testsuiteTimeAndTimestampAreTheRuns() {
        Element testsuite =
                render(run(RunResult.FAILED), standardAttempts(), "").getDocumentElement();

        assertThat(testsuite.getAttribute("time")).isEqualTo("75.25");
        assertThat(testsuite.getAttribute("timestamp")).isEqualTo("2025-03-01T10:00:00");
    }

    @Test
    void propertiesAreTheRunsFactsAndNoSystemProperty() {
        Document report = render(run(RunResult.FAILED), standardAttempts(), "");

        Map<String, String> properties = new LinkedHashMap<>();
        for (Element property : elements(report, "/testsuite/properties/property")) {
            properties.put(property.getAttribute("name"), property.getAttribute("value"));
        }
        assertThat(properties)
                .containsExactly(
                        Map.entry("suite", "CheckoutSuite"),
                        Map.entry("run", "7"),
                        Map.entry("result", "failed"),
                        Map.entry("ref", "abc123"),
                        Map.entry("initiatedBy", "cli"),
                        Map.entry("environment", "staging"),
                        Map.entry("filter", "checkout.*"),
                        Map.entry("startedAt", "2025-03-01T10:00:00Z"),
                        Map.entry("finishedAt", "2025-03-01T10:01:15.250Z"),
                        Map.entry("tests.passed", "0"),
                        Map.entry("tests.failed", "0"),
                        Map.entry("tests.softFailed", "0"),
                        Map.entry("tests.skipped", "0"),
                        Map.entry("tests.flaky", "0"));
        assertThat(properties.keySet()).noneMatch(name -> name.startsWith("java.") || name.startsWith("user."));
    }

    @Test
    void setupLogIsTheTestsuiteSystemOut() {
        Document report =
                render(run(RunResult.FAILED), standardAttempts(), "2025-03-01T10:00:00Z log starting the shop\n");

        assertThat(elements(report, "/testsuite/system-out"))
                .singleElement()
                .extracting(e -> e.getTextContent().strip())
                .isEqualTo("2025-03-01T10:00:00Z log starting the shop");
    }

    @Test
    void failedSuiteIsAFailedTestcaseNamedAfterTheSuite() {
        SuiteRun failed = withFailure(
                run(RunResult.FAILED),
                new Failure(
                        "teardown broke",
                        "java.lang.IllegalStateException: teardown broke\n\tat com.acme.CheckoutSuite.tearDown(CheckoutSuite.java:9)\n"));

        Document report = render(
                failed,
                List.of(attempt("passes", 1, AttemptResult.PASSED, Duration.ofSeconds(1), Optional.empty(), "")),
                "");

        // An exception, not a failed assertion: an <error>, as Surefire writes a failed teardown.
        assertThat(report.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        Element error = only(testcase(report, "CheckoutSuite"), "error");
        assertThat(error.getAttribute("message")).isEqualTo("teardown broke");
        assertThat(error.getAttribute("type")).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void cancelledRunIsASkippedTestcaseNamedAfterTheSuite() {
        SuiteRun cancelled = withFailure(run(RunResult.CANCELLED), Failure.reason("cancelled by alice"));

        Document report = render(cancelled, List.of(), "");

        assertThat(report.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(only(testcase(report, "CheckoutSuite"), "skipped")
                        .getTextContent()
                        .strip())
                .isEqualTo("cancelled by alice");
    }

    @Test
    void runWithoutAttemptsHasNoTestcase() {
        Document report = render(run(RunResult.PASSED), List.of(), "");

        assertThat(report.getDocumentElement().getAttribute("tests")).isEqualTo("0");
        assertThat(testcases(report)).isEmpty();
    }

    @Test
    void markupAndControlCharactersStayWellFormed() {
        String nasty = "<script>alert(\"x\")</script> & ]]> \u0000\u001b[31m";
        SuiteRun run = new SuiteRun(
                new RunId("Markup \"'<>& suite", 1),
                RunResult.FAILED,
                new RunRequest(Optional.of(nasty), Optional.of(nasty), nasty, Map.of(), Optional.empty()),
                nasty,
                0,
                START,
                Optional.of(START),
                Optional.of(START.plusSeconds(1)),
                Optional.empty(),
                TestCounts.NONE);
        Attempt attempt = attempt(
                nasty,
                1,
                AttemptResult.FAILED,
                Duration.ofSeconds(1),
                Optional.of(new Failure(nasty, "java.lang.AssertionError: " + nasty + "\n")),
                nasty + "\n");

        Document report = render(run, List.of(attempt), nasty);

        String replaced = "<script>alert(\"x\")</script> & ]]> \uFFFD\uFFFD[31m";
        Element testcase = testcases(report).getFirst();
        assertThat(report.getDocumentElement().getAttribute("name")).isEqualTo("Markup \"'<>& suite");
        assertThat(testcase.getAttribute("name")).isEqualTo(replaced);
        assertThat(only(testcase, "failure").getAttribute("message")).isEqualTo(replaced);
        assertThat(only(testcase, "failure").getTextContent()).contains(replaced);
        assertThat(only(testcase, "system-out").getTextContent().strip()).isEqualTo(replaced);
        assertThat(elements(report, "/testsuite/properties/property[@name='ref']")
                        .getFirst()
                        .getAttribute("value"))
                .isEqualTo(replaced);
        assertThat(elements(report, "/testsuite/system-out")
                        .getFirst()
                        .getTextContent()
                        .strip())
                .isEqualTo(replaced);
    }

    @Test
    void concurrentRendersAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Document>> renders = IntStream.range(0, 20)
                    .<Callable<Document>>mapToObj(
                            i -> () -> render(run(RunResult.FAILED), standardAttempts(), "setup " + i))
                    .toList();
            List<Document> reports = new ArrayList<>();
            for (Future<Document> report : pool.invokeAll(renders)) {
                reports.add(report.get());
            }

            assertThat(reports)
                    .hasSize(20)
                    .allSatisfy(report -> assertThat(testcases(report)).hasSize(6));
            assertThat(reports)
                    .extracting(r -> elements(r, "/testsuite/system-out")
                            .getFirst()
                            .getTextContent()
                            .strip())
                    .containsExactlyElementsOf(
                            IntStream.range(0, 20).mapToObj(i -> "setup " + i).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leavesNoTemporaryReportBehind() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = reportDirectories(temp);

        render(run(RunResult.FAILED), standardAttempts(), "");

        assertThat(reportDirectories(temp)).isEqualTo(before);
    }

    @Test
    void thousandAttemptsRenderInOneReport() {
        List<Attempt> attempts = IntStream.range(0, 1000)
                .mapToObj(i -> attempt(
                        "test" + i,
                        1,
                        i % 10 == 0 ? AttemptResult.FAILED : AttemptResult.PASSED,
                        Duration.ofMillis(i),
                        i % 10 == 0 ? Optional.of(new Failure("boom " + i, TRACE)) : Optional.empty(),
                        "2025-03-01T10:00:00Z stdout line of test " + i + "\n"))
                .toList();
        render(run(RunResult.FAILED), attempts.subList(0, 10), "");

        long start = System.nanoTime();
        String xml = JunitXmlReport.render(run(RunResult.FAILED), attempts, "");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("JunitXmlReport: 1,000 attempts rendered in %d ms (%,d characters)%n", millis, xml.length());

        Document report = parse(xml);
        assertThat(testcases(report)).hasSize(1000);
        assertThat(report.getDocumentElement().getAttribute("failures")).isEqualTo("100");
    }

    @Test
    void eachTestcaseIsInItsTestsOwnClassAsSurefireWritesIt() {
        List<Attempt> attempts = List.of(
                attempt("passes", 1, AttemptResult.PASSED, Duration.ofSeconds(1), Optional.empty(), ""),
                attempt("Payment/Card/declines", 1, AttemptResult.PASSED, Duration.ofSeconds(1), Optional.empty(), ""),
                attempt("total(int, String)", 1, AttemptResult.PASSED, Duration.ofSeconds(1), Optional.empty(), ""));

        Document report = parse(JunitXmlReport.render(
                withFailure(run(RunResult.FAILED), new Failure("teardown failed", "")),
                attempts,
                "",
                Optional.of("com.acme.CheckoutSuite")));

        assertThat(testcases(report))
                .extracting(t -> t.getAttribute("classname") + "#" + t.getAttribute("name"))
                .containsExactly(
                        "com.acme.CheckoutSuite#passes",
                        "com.acme.CheckoutSuite$Payment$Card#declines",
                        "com.acme.CheckoutSuite#total(int, String)",
                        "com.acme.CheckoutSuite#CheckoutSuite");
    }

    @Test
    void aFailedAssertionIsAFailureAndAnyOtherExceptionAnErrorAsInSurefire() {
        List<Attempt> attempts = List.of(
                failed("assertsWithJUnit", TRACE),
                failed("assertsWithJava", "java.lang.AssertionError: expected 3\n\tat com.acme.A.a(A.java:1)\n"),
                failed("assertsWithOwnError", "com.acme.PriceAssertionError: 3 != 4\n\tat com.acme.A.a(A.java:1)\n"),
                failed("throws", RETRY_TRACE),
                failed("throwsOwnException", "com.acme.OutOfStock: coffee\n\tat com.acme.A.a(A.java:1)\n"),
                failed("runsOutOfMemory", "java.lang.OutOfMemoryError: Java heap space\n"));

        Document report = parse(JunitXmlReport.render(run(RunResult.FAILED), attempts, "", Optional.empty()));

        assertThat(report.getDocumentElement().getAttribute("failures")).isEqualTo("3");
        assertThat(report.getDocumentElement().getAttribute("errors")).isEqualTo("3");
        assertThat(testcases(report))
                .extracting(t ->
                        t.getAttribute("name") + " " + children(t, "failure").size() + " failure "
                                + children(t, "error").size() + " error")
                .containsExactly(
                        "assertsWithJUnit 1 failure 0 error",
                        "assertsWithJava 1 failure 0 error",
                        "assertsWithOwnError 1 failure 0 error",
                        "throws 0 failure 1 error",
                        "throwsOwnException 0 failure 1 error",
                        "runsOutOfMemory 0 failure 1 error");
        Element error = only(testcase(report, "throws"), "error");
        assertThat(error.getAttribute("type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.getAttribute("message")).isEqualTo("connection refused");
        assertThat(error.getTextContent().strip()).isEqualTo(RETRY_TRACE.strip());
    }

    private static Attempt failed(String test, String trace) {
        String message = trace.lines().findFirst().orElseThrow().replaceFirst("^[^:]+: ", "");
        return attempt(
                test, 1, AttemptResult.FAILED, Duration.ofSeconds(1), Optional.of(new Failure(message, trace)), "");
    }

    private static List<Attempt> standardAttempts() {
        return List.of(
                attempt(
                        "passes",
                        1,
                        AttemptResult.PASSED,
                        Duration.ofMillis(1500),
                        Optional.empty(),
                        "2025-03-01T10:00:00.100Z stdout placing an order\n"),
                attempt(
                        "fails",
                        1,
                        AttemptResult.FAILED,
                        Duration.ofSeconds(2),
                        Optional.of(new Failure("expected: <1> but was: <2>", TRACE)),
                        ""),
                attempt(
                        "flaky",
                        1,
                        AttemptResult.RETRYING,
                        Duration.ofSeconds(3),
                        Optional.of(new Failure("connection refused", RETRY_TRACE)),
                        ""),
                attempt("flaky", 2, AttemptResult.PASSED, Duration.ofSeconds(1), Optional.empty(), ""),
                attempt(
                        "soft",
                        1,
                        AttemptResult.SOFT_FAILED,
                        Duration.ofSeconds(1),
                        Optional.of(new Failure("known bug", "java.lang.AssertionError: known bug\n")),
                        ""),
                attempt(
                        "skipped",
                        1,
                        AttemptResult.SKIPPED,
                        Duration.ZERO,
                        Optional.of(Failure.reason("suite setup failed: no database")),
                        ""));
    }

    private static Attempt attempt(
            String test, int number, AttemptResult result, Duration duration, Optional<Failure> failure, String log) {
        return new Attempt(
                test,
                number,
                3,
                result,
                result == AttemptResult.SOFT_FAILED,
                false,
                START,
                START.plus(duration),
                failure,
                log,
                List.of(),
                Map.of());
    }

    private static SuiteRun run(RunResult result) {
        return new SuiteRun(
                new RunId("CheckoutSuite", 7),
                result,
                new RunRequest(
                        Optional.of("checkout.*"),
                        Optional.of("abc123"),
                        "cli",
                        Map.of("password", "hunter2"),
                        Optional.empty()),
                "staging",
                0,
                START.minusSeconds(5),
                Optional.of(START),
                Optional.of(START.plusMillis(75_250)),
                Optional.empty(),
                TestCounts.NONE);
    }

    private static SuiteRun withFailure(SuiteRun run, Failure failure) {
        return new SuiteRun(
                run.id(),
                run.result(),
                run.request(),
                run.environment(),
                run.execution(),
                run.createdAt(),
                run.startedAt(),
                run.finishedAt(),
                Optional.of(failure),
                run.counts());
    }

    private static List<Path> reportDirectories(Path temp) throws Exception {
        try (Stream<Path> paths = Files.list(temp)) {
            return paths.filter(p -> p.getFileName().toString().startsWith("handoff-junit-xml-"))
                    .sorted()
                    .toList();
        }
    }

    private static Document render(SuiteRun run, List<Attempt> attempts, String setupLog) {
        return parse(JunitXmlReport.render(run, attempts, setupLog));
    }

    private static Document parse(String xml) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static List<Element> testcases(Document report) {
        return elements(report, "/testsuite/testcase");
    }

    private static Element testcase(Document report, String name) {
        return testcases(report).stream()
                .filter(t -> t.getAttribute("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name));
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found)
                .as("<%s> in <%s name=%s>", name, parent.getTagName(), parent.getAttribute("name"))
                .hasSize(1);
        return found.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> elements(Document report, String xpath) {
        try {
            NodeList nodes =
                    (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, report, XPathConstants.NODESET);
            List<Element> found = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
            return found;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
