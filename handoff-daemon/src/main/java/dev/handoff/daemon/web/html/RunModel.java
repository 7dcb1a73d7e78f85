package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Execution;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.model.TraceLinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's page ({@code /suites/{suite}/runs/{run}}). Everything that changes while the run goes
 * is in its live part, which the page's script replaces with what the run's event stream sends.
 */
public record RunModel(RunDetail detail, Instant now, TraceLinks links) {

    public RunModel(RunDetail detail, Instant now) {
        this(detail, now, TraceLinks.NONE);
    }

    /** The link to the trace of the test's latest attempt ({@code --trace-url}); empty without one. */
    public java.util.Optional<String> traceUrl(dev.handoff.daemon.model.TestSummary test) {
        return links.trace(detail.run().id().suite(), test.latest()).map(Object::toString);
    }

    /** How many tests the timeline draws; a run of thousands of tests shows them in the table only. */
    public static final int TIMELINE_LIMIT = 200;

    /** One test's bar on the timeline, in percent of the run's span from its start. */
    public record Lane(String test, String result, double offset, double width, String title) {}

    public SuiteRun run() {
        return detail.run();
    }

    public boolean finished() {
        return run().result().isFinished();
    }

    /** How long a running test has been going: never negative, whichever clock wrote its start. */
    public Duration runningFor(RunningTest test) {
        Duration running = Duration.between(test.startedAt(), now);
        return running.isNegative() ? Duration.ZERO : running;
    }

    /** Retry once it finished with a failed or skipped test, which is when the runner takes a retry. */
    public boolean retryable() {
        return finished() && detail.tests().stream().anyMatch(RunModel::retryable);
    }

    private static boolean retryable(TestSummary test) {
        AttemptResult result = test.latest().result();
        return result == AttemptResult.FAILED || result == AttemptResult.SKIPPED;
    }

    public String execution() {
        return run().execution() == 0 ? "first" : "retry " + run().execution();
    }

    public String waiting() {
        return switch (run().result()) {
            case PENDING -> "Waiting for its turn.";
            case RUNNING -> "No test has finished yet.";
            default -> "No tests ran.";
        };
    }

    /**
     * The tests' latest attempts on one time axis, from the first start to the last end; none for
     * a single test (its bar would say nothing the table does not) or for more than {@link
     * #TIMELINE_LIMIT}. Tests that did not run (skipped) have no bar. A retried run's executions
     * are joined on the axis without the time between them: a retry hours later must not shrink
     * every bar to a sliver.
     */
    public List<Lane> timeline() {
        List<TestSummary> tests = timed();
        if (tests.size() < 2 || tests.size() > TIMELINE_LIMIT) {
            return List.of();
        }
        long start = tests.stream()
                .mapToLong(t -> executing(t.latest().startedAt()))
                .min()
                .orElseThrow();
        double span = Math.max(1, timelineSpan().toMillis());
        List<Lane> lanes = new ArrayList<>();
        for (TestSummary test : tests) {
            double offset = (executing(test.latest().startedAt()) - start) / span * 100;
            double width = Math.max(0.5, test.latest().duration().toMillis() / span * 100);
            String result = test.latest().result().label();
            lanes.add(new Lane(
                    test.test(),
                    result,
                    round(offset),
                    round(Math.min(width, 100 - offset)),
                    "%s %s %s"
                            .formatted(
                                    test.test(),
                                    result,
                                    Format.duration(test.latest().duration()))));
        }
        return lanes;
    }

    /** How long the timeline's axis is: from the first start to the last end, executing. */
    public Duration timelineSpan() {
        List<TestSummary> tests = timed();
        if (tests.isEmpty()) {
            return Duration.ZERO;
        }
        long start = tests.stream()
                .mapToLong(t -> executing(t.latest().startedAt()))
                .min()
                .orElseThrow();
        long end = tests.stream()
                .mapToLong(t -> executing(t.latest().finishedAt()))
                .max()
                .orElseThrow();
        return Duration.ofMillis(Math.max(0, end - start));
    }

    /** The tests whose latest attempt ran: a skipped test has no time to show. */
    private List<TestSummary> timed() {
        return detail.tests().stream()
                .filter(t -> t.latest().result() != AttemptResult.SKIPPED)
                .toList();
    }

    /**
     * Where an instant lies on the time the run executed, in milliseconds from its first
     * execution's start: the time between executions is left out. Without known executions, from
     * the epoch (only differences are used).
     */
    private long executing(Instant instant) {
        List<Execution> executions = detail.executions();
        if (executions.isEmpty()) {
            return instant.toEpochMilli();
        }
        long before = 0;
        for (Execution execution : executions) {
            if (instant.isBefore(execution.startedAt())) {
                return before;
            }
            Instant end = execution.finishedAt().orElse(null);
            if (end != null && instant.isAfter(end)) {
                before += Duration.between(execution.startedAt(), end).toMillis();
                continue;
            }
            return before + Duration.between(execution.startedAt(), instant).toMillis();
        }
        return before;
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }
}
