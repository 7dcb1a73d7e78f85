package dev.handoff.daemon.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A {@code @HandoffSuite} class as discovered.
 *
 * @param name unique among the daemon's suites; used in URLs
 * @param uniqueId the suite's id in the {@code handoff} engine, which selects it for a run
 * @param tests the names of its tests as discovery found them ({@code method},
 *     {@code Nested/method}); a parameterized test is one test
 * @param timeout the suite timeout, when it has one
 * @param schedules its enabled {@code @Schedule}s, in the order they are written
 * @param attemptsPerTest the fewest and the most attempts its tests may use: {@code maxAttempts}
 *     for each, unless a test declares {@code @MaxAttempts}
 * @param concurrentRuns how many of its runs may execute at once ({@code @HandoffSuite(concurrentRuns)});
 *     1, the default, runs them one after another
 */
@API(status = API.Status.EXPERIMENTAL)
public record Suite(
        String name,
        String className,
        String uniqueId,
        String namespace,
        String description,
        List<String> labels,
        List<String> tests,
        int maxAttempts,
        Optional<Duration> timeout,
        List<ScheduleDeclaration> schedules,
        AttemptRange attemptsPerTest,
        int concurrentRuns) {

    public Suite {
        labels = List.copyOf(labels);
        tests = List.copyOf(tests);
        schedules = List.copyOf(schedules);
        java.util.Objects.requireNonNull(attemptsPerTest, "attemptsPerTest");
        if (concurrentRuns < 1) {
            throw new IllegalArgumentException("concurrentRuns must be at least 1, was " + concurrentRuns);
        }
    }

    /** The fewest and the most attempts a suite's tests may use in one execution. */
    @API(status = API.Status.EXPERIMENTAL)
    public record AttemptRange(int least, int most) {

        /** Every test may use this many. */
        public static AttemptRange of(int attempts) {
            return new AttemptRange(attempts, attempts);
        }

        /** {@code 3}, or {@code 1–3} when tests differ. */
        @Override
        public String toString() {
            return least == most ? Integer.toString(most) : least + "–" + most;
        }
    }

    /** A suite whose tests all use its {@code maxAttempts}, whose runs go one after another. */
    public Suite(
            String name,
            String className,
            String uniqueId,
            String namespace,
            String description,
            List<String> labels,
            List<String> tests,
            int maxAttempts,
            Optional<Duration> timeout,
            List<ScheduleDeclaration> schedules) {
        this(
                name,
                className,
                uniqueId,
                namespace,
                description,
                labels,
                tests,
                maxAttempts,
                timeout,
                schedules,
                AttemptRange.of(maxAttempts),
                1);
    }

    /** A suite without schedules. */
    public Suite(
            String name,
            String className,
            String uniqueId,
            String namespace,
            String description,
            List<String> labels,
            List<String> tests,
            int maxAttempts,
            Optional<Duration> timeout) {
        this(name, className, uniqueId, namespace, description, labels, tests, maxAttempts, timeout, List.of());
    }
}
