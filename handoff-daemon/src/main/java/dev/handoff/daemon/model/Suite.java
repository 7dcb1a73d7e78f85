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
        List<ScheduleDeclaration> schedules) {

    public Suite {
        labels = List.copyOf(labels);
        tests = List.copyOf(tests);
        schedules = List.copyOf(schedules);
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
