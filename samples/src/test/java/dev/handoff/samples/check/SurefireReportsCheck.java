package dev.handoff.samples.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks what Surefire reported for the sample suites, as a user of the build sees it: failed
 * attempts and soft failures as skipped test cases with the engine's message, retried tests
 * passing, and every suite test run by the {@code handoff} engine only. Runs in the build's
 * {@code check-reports} execution, after {@code default-test} wrote the reports it reads.
 */
class SurefireReportsCheck {

    private static final Path REPORTS =
            Path.of(System.getProperty("handoff.samples.reports", "target/surefire-reports"));

    /** One {@code <testsuite>} of a {@code TEST-*.xml} file. */
    record Report(String suite, int tests, int failures, int errors, int skipped, List<TestCase> testCases) {

        /** The test cases with these names, in report order. */
        List<TestCase> named(String... names) {
            List<String> wanted = List.of(names);
            return testCases.stream().filter(t -> wanted.contains(t.name())).toList();
        }
    }

    /**
     * One {@code <testcase>}. {@code outcome} is the name of its problem element ({@code skipped},
     * {@code failure}, {@code error}) or {@code passed}; {@code message} is the problem's exception
     * message; {@code output} is its {@code <system-out>}.
     */
    record TestCase(String name, String outcome, String type, String message, String output) {}

    private static Map<String, Report> reports;

    @BeforeAll
    static void readReports() throws Exception {
        DocumentBuilder parser = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        reports = new TreeMap<>();
        for (Path file : reportFiles()) {
            Element suite = parser.parse(file.toFile()).getDocumentElement();
            List<TestCase> testCases = new ArrayList<>();
            NodeList elements = suite.getElementsByTagName("testcase");
            for (int i = 0; i < elements.getLength(); i++) {
                testCases.add(testCase((Element) elements.item(i)));
            }
            reports.put(
                    suite.getAttribute("name"),
                    new Report(
                            suite.getAttribute("name"),
                            Integer.parseInt(suite.getAttribute("tests")),
                            Integer.parseInt(suite.getAttribute("failures")),
                            Integer.parseInt(suite.getAttribute("errors")),
                            Integer.parseInt(suite.getAttribute("skipped")),
                            testCases));
        }
    }

    private static List<Path> reportFiles() throws IOException {
        try (Stream<Path> files = Files.list(REPORTS)) {
            return files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .sorted()
                    .toList();
        }
    }

    private static TestCase testCase(Element testCase) {
        NodeList out = testCase.getElementsByTagName("system-out");
        String output = out.getLength() == 0 ? "" : out.item(0).getTextContent();
        for (String outcome : List.of("skipped", "failure", "error")) {
            NodeList problems = testCase.getElementsByTagName(outcome);
            if (problems.getLength() > 0) {
                Element problem = (Element) problems.item(0);
                String type = problem.getAttribute("type");
                return new TestCase(
                        testCase.getAttribute("name"), outcome, type, message(type, problem.getTextContent()), output);
            }
        }
        return new TestCase(testCase.getAttribute("name"), "passed", "", "", output);
    }

    /**
     * The exception message at the start of a problem's stack trace, {@code "type: message\n\tat
     * ..."} or, for the engine's exceptions, which have no frames of their own, {@code "type:
     * message\nCaused by: ..."}. Surefire writes no {@code message} attribute for skipped test
     * cases, and puts a line break after {@code "type: "} when the message has several lines
     * (SUREFIRE-986).
     */
    private static String message(String type, String stackTrace) {
        String text = stackTrace.startsWith(type + ":") ? stackTrace.substring(type.length() + 1) : stackTrace;
        int end = text.length();
        for (String next : new String[] {"\n\tat ", "\nCaused by: "}) {
            int at = text.indexOf(next);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end).strip();
    }

    @Test
    void reportsExactlyThePassingSampleSuites() {
        assertThat(reports.keySet())
                .as(
                        "suites reported in %s (the failing samples are excluded; run 'mvn clean' if old reports are left)",
                        REPORTS)
                .containsExactly(
                        "dev.handoff.samples.ShopCatalogueSuite",
                        "dev.handoff.samples.ShopKnownGapsSuite",
                        "dev.handoff.samples.ShopRetrySuite",
                        "dev.handoff.samples.ShopSmokeSuite");
    }

    @Test
    void nothingFailed() {
        assertThat(reports.values())
                .allSatisfy(report -> assertThat(report.failures() + report.errors())
                        .as("failures and errors in %s", report.suite())
                        .isZero());
        assertThat(reports.values())
                .flatExtracting(Report::testCases)
                .extracting(TestCase::outcome)
                .containsOnly("passed", "skipped");
    }

    /**
     * Had the Jupiter engine run the suite classes too, every test would appear a second time (and
     * the flaky ones would have failed there, without retries).
     */
    @Test
    void eachTestRanOnlyUnderTheHandoffEngine() {
        assertThat(testCaseCounts("dev.handoff.samples.ShopSmokeSuite"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "answersHealthCheck", 1L,
                        "placesAndReadsBackAnOrder(HandoffContext)", 1L,
                        "rejectsInvalidOrders(String, String, int, String) rejects an order when customer is required",
                                1L,
                        "rejectsInvalidOrders(String, String, int, String) rejects an order when item is required", 1L,
                        "rejectsInvalidOrders(String, String, int, String) rejects an order when quantity must be at least 1",
                                1L,
                        "unknownOrderIsNotFound", 1L));
        assertThat(testCaseCounts("dev.handoff.samples.ShopKnownGapsSuite"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "acceptsOrders", 1L,
                        "rejectsItemsNotInTheCatalogue", 1L,
                        "recommendationsArePersonal(HandoffContext)", 1L));
        // One test case per attempt, named by display name: both tests pass on their second.
        assertThat(testCaseCounts("dev.handoff.samples.ShopRetrySuite"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "recommendsAnItem(HandoffContext)", 1L,
                        "recommendsAnItem(HandoffContext) (attempt 2)", 1L,
                        "salesReportAnswersWithinASecond", 1L,
                        "salesReportAnswersWithinASecond() (attempt 2)", 1L));
        assertThat(reports.values())
                .extracting(Report::suite, Report::tests, Report::skipped)
                .containsOnly(
                        tuple("dev.handoff.samples.ShopCatalogueSuite", 11, 1),
                        tuple("dev.handoff.samples.ShopKnownGapsSuite", 3, 2),
                        tuple("dev.handoff.samples.ShopRetrySuite", 4, 2),
                        tuple("dev.handoff.samples.ShopSmokeSuite", 6, 0));
    }

    @Test
    void flakyTestFailsItsFirstAttemptAndPassesItsSecond() {
        List<TestCase> attempts = reports.get("dev.handoff.samples.ShopRetrySuite")
                .named("recommendsAnItem(HandoffContext)", "recommendsAnItem(HandoffContext) (attempt 2)");

        assertThat(attempts).extracting(TestCase::outcome).containsExactly("skipped", "passed");
        assertThat(attempts.getFirst().type()).isEqualTo("dev.handoff.api.AttemptFailedException");
        assertThat(attempts.getFirst().message())
                .startsWith("attempt 1 of 3 failed, will retry: [status of GET /recommendations]")
                .endsWith("but was: 503");
    }

    @Test
    void timedOutTestIsInterruptedOnItsFirstAttemptAndPassesItsSecond() {
        List<TestCase> attempts = reports.get("dev.handoff.samples.ShopRetrySuite")
                .named("salesReportAnswersWithinASecond", "salesReportAnswersWithinASecond() (attempt 2)");

        assertThat(attempts).extracting(TestCase::outcome).containsExactly("skipped", "passed");
        assertThat(attempts.getFirst().type()).isEqualTo("dev.handoff.api.AttemptFailedException");
        assertThat(attempts.getFirst().message())
                .isEqualTo(
                        "attempt 1 of 2 failed, will retry: salesReportAnswersWithinASecond() timed out after 1 second");
    }

    @Test
    void softFailuresAreSkippedWithTheirFailure() {
        Report report = reports.get("dev.handoff.samples.ShopKnownGapsSuite");

        assertThat(report.named("rejectsItemsNotInTheCatalogue"))
                .singleElement()
                .satisfies(soft -> {
                    assertThat(soft.outcome()).isEqualTo("skipped");
                    assertThat(soft.type()).isEqualTo("dev.handoff.api.SoftFailureException");
                    assertThat(soft.message())
                            .isEqualTo(
                                    "soft failure: [status of an order for a unicorn] \nexpected: 400\n but was: 201");
                });
        assertThat(report.named("recommendationsArePersonal(HandoffContext)"))
                .singleElement()
                .satisfies(soft -> {
                    assertThat(soft.outcome()).isEqualTo("skipped");
                    assertThat(soft.type()).isEqualTo("dev.handoff.api.SoftFailureException");
                    assertThat(soft.message())
                            .startsWith("soft failure: [recommendation for ada, compared with bob's]");
                });
        assertThat(report.named("acceptsOrders")).extracting(TestCase::outcome).containsExactly("passed");
    }

    /**
     * A suite with a class hierarchy nested in it runs, its overloaded methods are two tests, and
     * every invocation of its parameterized, repeated and dynamic tests is a test case of its own,
     * retried ones included.
     */
    @Test
    void realWorldTestShapesAreReportedInvocationByInvocation() {
        assertThat(testCaseCounts("dev.handoff.samples.ShopCatalogueSuite"))
                .containsOnlyKeys(
                        "readsOrder",
                        "readsOrder(String)[1] 998",
                        "readsOrder(String)[2] 999",
                        "checksStock(String, HandoffContext)[1] tea",
                        "checksStock(String, HandoffContext)[2] cake",
                        "checksStock(String, HandoffContext) (attempt 2)[1] tea",
                        "checksStock(String, HandoffContext) (attempt 2)[2] cake",
                        "answersHealthCheckRepeatedly(RepetitionInfo) repetition 1 of 2",
                        "answersHealthCheckRepeatedly(RepetitionInfo) repetition 2 of 2",
                        "pages() /health",
                        "pages() /orders/999")
                .allSatisfy((name, count) -> assertThat(count).as(name).isOne());
    }

    @Test
    void aFailedInvocationIsRetriedWithItsTestAndEachInvocationKeepsItsOutput() {
        Report report = reports.get("dev.handoff.samples.ShopCatalogueSuite");

        List<TestCase> cake = report.named(
                "checksStock(String, HandoffContext)[2] cake",
                "checksStock(String, HandoffContext) (attempt 2)[2] cake");
        assertThat(cake).extracting(TestCase::outcome).containsExactly("skipped", "passed");
        assertThat(cake.getFirst().type()).isEqualTo("dev.handoff.api.AttemptFailedException");
        assertThat(cake.getFirst().message()).startsWith("attempt 1 of 2 failed, will retry: [cake in stock]");
        assertThat(cake.getFirst().output())
                .contains("checking stock of cake on attempt 1")
                .doesNotContain("tea");
        assertThat(cake.getLast().output()).contains("checking stock of cake on attempt 2");
        assertThat(report.named("readsOrder(String)[2] 999").getFirst().output())
                .contains("reading order 999")
                .doesNotContain("reading order 998");
    }

    private static Map<String, Long> testCaseCounts(String suite) {
        return reports.get(suite).testCases().stream()
                .collect(Collectors.groupingBy(TestCase::name, Collectors.counting()));
    }
}
