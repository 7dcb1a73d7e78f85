package dev.handoff.daemon.hook;

import dev.handoff.api.FinishedRun;

/** One-line descriptions of a run that the built-in hooks share. */
final class Summaries {

    private Summaries() {}

    /** Why a failed run failed: {@code 2 of 10 tests failed}, or the suite's own failure (setup, timeout). */
    static String failure(FinishedRun run) {
        if (run.counts().failed() > 0) {
            return run.counts().failed() + " of " + run.counts().total() + " tests failed";
        }
        return run.failureMessage().map(message -> firstLine(message)).orElse("the suite failed");
    }

    /** The first failed test whose trace has a link ({@code --trace-url}), if any. */
    static java.util.Optional<dev.handoff.api.FinishedTest> firstTracedFailure(FinishedRun run) {
        return run.tests().stream()
                .filter(dev.handoff.api.FinishedTest::failed)
                .filter(test -> test.traceUrl().isPresent())
                .findFirst();
    }

    static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
