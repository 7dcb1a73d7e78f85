package dev.handoff.daemon.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * What JUnit's legacy XML listener cannot know about a replayed run, to be written over what it
 * wrote instead.
 *
 * @param startedAt when the run started: the {@code <testsuite>}'s timestamp
 * @param duration how long the run took: the {@code <testsuite>}'s time
 * @param properties the run's facts, in place of the daemon JVM's system properties
 * @param setupLog the suite's setup and teardown log: the {@code <testsuite>}'s {@code <system-out>}
 * @param testcases every replayed test by the unique id it was replayed under, in report order
 * @param traceIds the trace id of each testcase's attempt, by the same ids, when it was traced:
 *     written as the testcase's {@code traceId} property
 */
record StoredFacts(
        Instant startedAt,
        Duration duration,
        SequencedMap<String, String> properties,
        String setupLog,
        SequencedMap<String, ReplayedTest> testcases,
        Map<String, String> traceIds) {

    StoredFacts {
        Objects.requireNonNull(startedAt, "startedAt");
        duration = duration.isNegative() ? Duration.ZERO : duration;
        properties = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(setupLog, "setupLog");
        testcases = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(testcases));
        traceIds = Map.copyOf(traceIds);
    }
}
