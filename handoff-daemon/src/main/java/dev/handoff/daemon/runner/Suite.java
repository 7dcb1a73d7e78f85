package dev.handoff.daemon.runner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@code @HandoffSuite} class as discovered.
 *
 * @param name unique among the daemon's suites; used in URLs
 * @param uniqueId the suite's id in the {@code handoff} engine, which selects it for a run
 * @param tests the names of its tests as discovery found them ({@code method},
 *     {@code Nested/method}); a parameterized test is one test
 * @param timeout the suite timeout, when it has one
 */
public record Suite(
        String name,
        String className,
        String uniqueId,
        String namespace,
        String description,
        List<String> labels,
        List<String> tests,
        int maxAttempts,
        Optional<Duration> timeout) {

    public Suite {
        labels = List.copyOf(labels);
        tests = List.copyOf(tests);
    }
}
