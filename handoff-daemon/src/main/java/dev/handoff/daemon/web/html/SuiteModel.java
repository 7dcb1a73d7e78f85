package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunReads.RunQuery;
import gg.jte.Content;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A suite's page ({@code /suites/{suite}} and {@code /suites/{suite}/runs}): its description and
 * facts, a form to run it, its schedules, a chart and a page of its runs.
 *
 * @param query the page's filters, which the page says it applies
 * @param next the following page, when this one is full
 */
public record SuiteModel(
        Suite suite,
        List<SuiteRun> runs,
        RunQuery query,
        Optional<String> next,
        Instant now,
        List<ScheduleStatus> schedules,
        Trigger trigger,
        List<TestsModel.Row> flakyTests) {

    /** A page without the flaky tests panel's rows (none to show). */
    public SuiteModel(
            Suite suite,
            List<SuiteRun> runs,
            RunQuery query,
            Optional<String> next,
            Instant now,
            List<ScheduleStatus> schedules,
            Trigger trigger) {
        this(suite, runs, query, next, now, schedules, trigger, List.of());
    }

    /**
     * The trigger form as the reader left it: empty, or what they typed and why it was refused.
     *
     * @param error the refusal, in the user's words, shown next to the field it names
     * @param field the field the refusal names ({@code filter} or {@code ref}); empty otherwise
     */
    public record Trigger(String filter, String ref, Optional<String> error, String field) {

        public static final Trigger EMPTY = new Trigger("", "", Optional.empty(), "");

        public boolean errorOn(String name) {
            return error.isPresent() && field.equals(name);
        }
    }

    public Content description() {
        return Markdown.render(suite.description());
    }

    public Chart chart() {
        return Chart.of(runs, now);
    }

    public boolean filtered() {
        return query.result().isPresent()
                || query.ref().isPresent()
                || query.before().isPresent();
    }

    /** The filters in words: {@code result failed, ref v1.2, numbers below 40}. */
    public String filters() {
        List<String> filters = new java.util.ArrayList<>();
        query.result().ifPresent(result -> filters.add("result " + result.label()));
        query.ref().ifPresent(ref -> filters.add("ref " + ref));
        query.before().ifPresent(before -> filters.add("numbers below " + before));
        return String.join(", ", filters);
    }
}
