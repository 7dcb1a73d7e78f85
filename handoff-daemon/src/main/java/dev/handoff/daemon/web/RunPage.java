package dev.handoff.daemon.web;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.AttemptResult;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.SuiteRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /suites/{suite}/runs/{run}}: a run's result, then each test with all its attempts (result,
 * duration, failure, log). Reloads itself while the run is pending or running.
 */
final class RunPage {

    private RunPage() {}

    static Html render(SuiteRun run, Instant now) {
        String title = run.id().suite() + " run #" + run.id().number();
        return Layout.page(title, Html.of("""
                <h1>{} {}</h1>
                <p class="muted">{}</p>
                {}{}<h2>Tests</h2>
                {}<p><a href="/suites">All suites</a></p>
                <form method="post" action="{}"><button type="submit">Run again</button></form>
                """, title, Layout.status(run.result().label()), times(run, now),
                run.outcome().flatMap(RunOutcome::suiteFailure).map(RunPage::suiteFailure).orElse(Html.EMPTY),
                run.outcome().map(RunOutcome::setupLog).filter(log -> !log.isEmpty()).map(RunPage::setupLog).orElse(Html.EMPTY),
                tests(run), Paths.runs(run.id().suite())), !run.result().isFinished());
    }

    private static String times(SuiteRun run, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add("triggered " + Format.instant(run.createdAt()));
        run.startedAt().ifPresent(at -> parts.add("started " + Format.instant(at)));
        run.outcome().ifPresent(outcome -> parts.add("finished " + Format.instant(outcome.finishedAt())));
        run.duration(now).ifPresent(duration -> parts.add("took " + Format.duration(duration)));
        return String.join(" · ", parts);
    }

    private static Html suiteFailure(Failure failure) {
        return Html.of("""
                <h2>Suite failed</h2>
                <div class="message">{}</div>
                {}""", failure.message(), stackTrace(failure));
    }

    private static Html setupLog(String log) {
        return Html.of("""
                <h2>Setup and teardown log</h2>
                <pre>{}</pre>
                """, log);
    }

    private static Html tests(SuiteRun run) {
        if (run.attempts().isEmpty()) {
            return Html.of("<p class=\"muted\">{}</p>\n", switch (run.result()) {
                case PENDING -> "Waiting for earlier runs to finish.";
                case RUNNING -> "No test has finished yet.";
                default -> "No tests ran.";
            });
        }
        Map<String, List<Attempt>> byTest = new LinkedHashMap<>();
        run.attempts().forEach(attempt -> byTest.computeIfAbsent(attempt.test(), t -> new ArrayList<>()).add(attempt));
        return Html.join(byTest.entrySet().stream().map(test -> test(test.getKey(), test.getValue())).toList());
    }

    private static Html test(String name, List<Attempt> attempts) {
        Attempt last = attempts.getLast();
        boolean flaky = last.result() == AttemptResult.PASSED && attempts.stream().anyMatch(a -> a.result().isFailure());
        return Html.of("""
                <div class="test">
                <strong>{}</strong> {}{}
                {}</div>
                """, name, Layout.status(last.result().label()), flaky ? Html.of(" {}", Layout.status("flaky")) : Html.EMPTY,
                Html.join(attempts.stream().map(RunPage::attempt).toList()));
    }

    private static Html attempt(Attempt attempt) {
        return Html.of("""
                <div class="attempt">
                <div>attempt {} of {} · {} · {}{}</div>
                {}{}</div>
                """, attempt.number(), attempt.maxAttempts(), Layout.status(attempt.result().label()),
                Format.duration(attempt.duration()), attempt.soft() ? " · soft failure: does not fail the run" : "",
                attempt.failure().map(RunPage::failure).orElse(Html.EMPTY),
                attempt.log().isEmpty() ? Html.EMPTY : Html.of("<pre>{}</pre>\n", attempt.log()));
    }

    private static Html failure(Failure failure) {
        return Html.of("<div class=\"message\">{}</div>\n{}", failure.message(), stackTrace(failure));
    }

    private static Html stackTrace(Failure failure) {
        return failure.stackTrace().isEmpty() ? Html.EMPTY
                : Html.of("<details><summary>Stack trace</summary><pre>{}</pre></details>\n", failure.stackTrace());
    }
}
