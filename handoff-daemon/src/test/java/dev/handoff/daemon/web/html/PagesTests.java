package dev.handoff.daemon.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunStats;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.store.RunReads.RunQuery;
import dev.handoff.daemon.web.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The templates and page models, rendered without a server. */
class PagesTests {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final String MARKUP = "Markup \"'<>& suite";
    private static final RunQuery FIRST_PAGE =
            new RunQuery(50, OptionalLong.empty(), Optional.empty(), Optional.empty());

    @Test
    void valuesAreEscapedInTextAndAttributes() {
        Suite suite = suite(MARKUP, "<b>ns</b>", List.of("<i>x</i>"), "");
        String page = Pages.suites(new SuitesModel(
                List.of(new SuitesModel.Row(suite, List.of(), RunStats.of(List.of(), T0), Optional.empty())),
                1,
                new SuitesModel.Filter("", "", "\"><script>alert(1)</script>"),
                List.of("<b>ns</b>"),
                List.of()));

        assertThat(page)
                .contains("Markup \"'&lt;&gt;&amp; suite", "&lt;b&gt;ns&lt;/b&gt;", "&lt;i&gt;x&lt;/i&gt;")
                .contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")
                .contains("title=\"Last 0 runs of Markup &#34;&#39;&lt;>&amp; suite, oldest first\""
                        .replace("title", "aria-label"))
                .doesNotContain("<script>alert(1)", "<b>ns</b>", "<i>x</i>");
    }

    @Test
    void descriptionsAreMarkdownWithRawHtmlEscapedAndUnsafeLinksDropped() {
        String html = render(
                Markdown.render(
                        "Checks **checkout**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) [docs](https://example.com/a)"));

        assertThat(html)
                .contains(
                        "<strong>checkout</strong>",
                        "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "<a rel=\"nofollow\" href=\"https://example.com/a\">docs</a>")
                .doesNotContain("<script>", "javascript:");
    }

    @Test
    void resultsShowTheirWordAndASymbolNotColourAlone() {
        SuiteRun failed = run(1, RunResult.FAILED, 1000);
        String page = Pages.suite(new SuiteModel(
                suite("S", "ns", List.of(), ""),
                List.of(failed),
                FIRST_PAGE,
                Optional.empty(),
                T0,
                List.of(),
                SuiteModel.Trigger.EMPTY));

        assertThat(page).contains("<span class=\"result failed\"><span aria-hidden=\"true\">✗</span> failed</span>");
        assertThat(Format.symbol("passed")).isEqualTo("✓");
        assertThat(Format.symbol("flaky")).isEqualTo("≈");
    }

    @Test
    void triggerFormShowsARefusalNextToItsFieldWithWhatWasTyped() {
        SuiteModel.Trigger refused = new SuiteModel.Trigger(
                "(", "v1", Optional.of("filter '(' is not a valid regular expression"), "filter");
        String page = Pages.suite(new SuiteModel(
                suite("S", "ns", List.of(), ""), List.of(), FIRST_PAGE, Optional.empty(), T0, List.of(), refused));

        assertThat(page)
                .contains(
                        "<p id=\"filter-error\" class=\"error\" role=\"alert\">filter '(' is not a valid regular expression</p>")
                .contains(
                        "value=\"(\"",
                        "value=\"v1\"",
                        "aria-invalid=\"true\"",
                        "aria-describedby=\"filter-help filter-error\"");
    }

    @Test
    void statsAreOverFinishedRunsWithFlakyCountingAsPassed() {
        List<SuiteRun> runs = List.of(
                run(1, RunResult.PASSED, 1000),
                run(2, RunResult.FLAKY, 3000),
                run(3, RunResult.FAILED, 2000),
                run(4, RunResult.CANCELLED, 4000),
                run(5, RunResult.RUNNING, 0));

        RunStats stats = RunStats.of(runs, T0.plusSeconds(60));

        assertThat(stats.finished()).isEqualTo(4);
        assertThat(stats.passRate()).isEqualTo(0.5);
        assertThat(stats.flakyRate()).isEqualTo(0.25);
        assertThat(stats.median()).hasValue(Duration.ofMillis(2500));
        assertThat(RunStats.of(List.of(), T0).median()).isEmpty();
    }

    @Test
    void chartHasOneLinkedBarPerRunOldestLeftScaledToTheLongest() {
        Chart chart =
                Chart.of(List.of(run(2, RunResult.FAILED, 2000), run(1, RunResult.PASSED, 1000)), T0.plusSeconds(60));

        assertThat(chart.bars()).extracting(Chart.Bar::result).containsExactly("passed", "failed");
        assertThat(chart.bars().get(1).height()).isEqualTo(Chart.HEIGHT - 4);
        assertThat(chart.bars().get(1).x()).isEqualTo(Chart.WIDTH / 25 + 1);
        assertThat(chart.bars().get(0).height()).isEqualTo((Chart.HEIGHT - 4) / 2);
        assertThat(chart.bars().get(0).href()).isEqualTo("/suites/S/runs/1");
        assertThat(chart.longest()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void overviewStripLinksEachRecentRunWithItsResultInWords() {
        List<SuiteRun> recent = IntStream.rangeClosed(1, 3)
                .mapToObj(n -> run(n, n == 2 ? RunResult.FAILED : RunResult.PASSED, 100))
                .toList();
        Suite suite = suite("S", "ns", List.of("smoke"), "");
        String page = Pages.suites(new SuitesModel(
                List.of(new SuitesModel.Row(suite, recent, RunStats.of(recent, T0), Optional.of(T0))),
                1,
                SuitesModel.Filter.NONE,
                List.of("ns"),
                List.of("smoke")));

        assertThat(page)
                .contains(
                        "<a class=\"cell failed\" href=\"/suites/S/runs/2\" title=\"#2 failed\" aria-label=\"run 2 failed\">✗</a>")
                .contains("aria-label=\"run 3 passed\">✓</a>")
                .contains("67%", "<time datetime=\"2026-01-31T12:00:00Z\">");
    }

    @Test
    void logsAreSplitIntoLinesForTheSearch() {
        assertThat(Format.lines("a\nb\n")).containsExactly("a", "b");
        assertThat(Format.lines("a\r\nb")).containsExactly("a", "b");
        assertThat(Format.lines("")).isEmpty();
    }

    @Test
    void linksPercentEncodeEveryPathSegment() {
        assertThat(Paths.test(new RunId(MARKUP, 3), "Nested/a b"))
                .isEqualTo("/suites/Markup%20%22%27%3C%3E%26%20suite/runs/3/tests/Nested/a%20b");
        assertThat(Paths.history(MARKUP, "Nested/a b"))
                .isEqualTo("/suites/Markup%20%22%27%3C%3E%26%20suite/tests/Nested/a%20b");
    }

    @Test
    void errorPageShowsTheDetailAsText() {
        assertThat(Pages.error(404, "Not Found", "no suite '<x>'"))
                .contains("<h1>404 Not Found</h1>", "no suite '&lt;x&gt;'");
    }

    private static String render(gg.jte.Content content) {
        gg.jte.output.StringOutput output = new gg.jte.output.StringOutput();
        content.writeTo(output);
        return output.toString();
    }

    private static Suite suite(String name, String namespace, List<String> labels, String description) {
        return new Suite(
                name,
                "com.example." + name.replaceAll("\\W", ""),
                "[engine:handoff]",
                namespace,
                description,
                labels,
                List.of("a", "b"),
                1,
                Optional.empty());
    }

    private static SuiteRun run(long number, RunResult result, long millis) {
        Instant start = T0.plusSeconds(number * 10);
        return new SuiteRun(
                new RunId("S", number),
                result,
                new RunRequest(Optional.empty(), Optional.empty(), "api", Map.of(), Optional.empty()),
                "",
                0,
                start,
                Optional.of(start),
                result.isFinished() ? Optional.of(start.plusMillis(millis)) : Optional.empty(),
                Optional.<Failure>empty(),
                TestCounts.NONE);
    }
}
