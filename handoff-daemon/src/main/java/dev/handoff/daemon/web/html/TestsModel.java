package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.Stability;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.TestStability;
import dev.handoff.daemon.web.Paths;
import java.util.List;

/**
 * A suite's tests with their stability ({@code /suites/{suite}/tests}), the most trouble first.
 *
 * @param rules what the stability was judged by, which the page says
 */
public record TestsModel(String suite, StabilityRules rules, List<TestStability> tests) {

    public TestsModel {
        tests = List.copyOf(tests);
    }

    public String url(TestStability test) {
        return Paths.history(suite, test.test());
    }

    /** A row of the flaky tests panel. */
    public record Row(String suite, TestStability test) {}

    /** The most rows a flaky tests panel shows. */
    public static final int PANEL_ROWS = 10;

    /**
     * The flaky and broken tests, and the quarantined ones, the most runs made flaky or failed
     * first: the panel's rows.
     */
    public static List<Row> panel(List<Row> rows) {
        return rows.stream()
                .filter(row -> row.test().stability() == Stability.FLAKY
                        || row.test().stability() == Stability.BROKEN
                        || row.test().quarantined())
                .sorted(java.util.Comparator.comparingInt(
                                (Row row) -> row.test().impact())
                        .reversed())
                .limit(PANEL_ROWS)
                .toList();
    }
}
