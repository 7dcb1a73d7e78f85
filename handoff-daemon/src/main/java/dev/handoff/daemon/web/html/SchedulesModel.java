package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.ScheduleStatus;
import java.util.List;
import java.util.Optional;

/**
 * The schedules page ({@code /schedules}): every schedule, and a form to make one.
 *
 * @param suites the suites a schedule can run, for the form's choice
 */
public record SchedulesModel(List<ScheduleStatus> schedules, List<String> suites, Form form) {

    /**
     * The create form as the reader left it: empty, or what they typed and why it was refused.
     *
     * @param kind {@code every} or {@code cron}: which one {@code expression} is
     * @param field the field the refusal names, to show it there
     */
    public record Form(
            String name,
            String suite,
            String kind,
            String expression,
            String filter,
            String maxRuns,
            Optional<String> error,
            String field) {

        public static final Form EMPTY = new Form("", "", "every", "", "", "", Optional.empty(), "");

        public boolean errorOn(String name) {
            return error.isPresent() && field.equals(name);
        }
    }
}
