package dev.handoff.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The measured side of the recording benchmark: what a CI job sees when it triggers a run of a
 * suite and waits for it, {@code POST /suites/{suite}/runs} then {@code GET} of the suite's newest
 * run ({@code ?limit=1}, a summary: the run's own page lists all 10,000 tests, and rendering that
 * fifty times would measure the poller) every {@value #POLL_MILLIS} ms (by default) until its
 * result is final. Then it checks, outside the timing, that the
 * store holds every test's attempt: a daemon that dropped attempts must fail, not look fast.
 */
final class TriggeredRun {

    static final int POLL_MILLIS = 20;
    /** A run that takes longer is broken, not slow: the benchmark fails instead of waiting forever. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final Set<String> UNFINISHED = Set.of("pending", "running");

    private final ApiClient api;
    private final RunStore store;
    private final String suite;
    private final int expectedTests;
    private final int pollMillis;

    /** @param pollMillis the pause between GETs, {@value #POLL_MILLIS} ms unless testing what polling costs */
    TriggeredRun(ApiClient api, RunStore store, String suite, int expectedTests, int pollMillis) {
        this.api = api;
        this.store = store;
        this.suite = suite;
        this.expectedTests = expectedTests;
        this.pollMillis = pollMillis;
    }

    /**
     * @param nanos POST sent to the finished GET read
     * @param serverMillis the run's own createdAt to finishedAt, as the daemon stored them
     * @param polls GETs it took
     * @param phases where the daemon's time went, from the times it stored
     */
    record Outcome(long number, long nanos, long serverMillis, int polls, Phases phases) {}

    /**
     * A run's time in the daemon's own timestamps, in ms: created to started (the queue and the
     * claim), started to its first test's start (discovery), first test's start to last test's
     * finish (the tests, with the recorder's listener), and last test's finish to the run's finish
     * (the attempts still being written, then the finish's transaction).
     */
    record Phases(long queue, long discovery, long tests, long finish) {
        @Override
        public String toString() {
            return "queue " + queue + ", discovery " + discovery + ", tests " + tests + ", finish " + finish;
        }
    }

    Outcome time() {
        long start = System.nanoTime();
        JsonNode created = api.post("suites/" + suite + "/runs")
                .expect(201, "POST /suites/" + suite + "/runs")
                .json();
        long number = created.path("number").asLong();
        String path = "suites/" + suite + "/runs/" + number;
        String latest = "suites/" + suite + "/runs?limit=1";
        int polls = 0;
        while (true) {
            JsonNode newest = api.get(latest)
                    .expect(200, "GET /" + latest)
                    .json()
                    .path("runs")
                    .path(0);
            polls++;
            String result = newest.path("result").asText();
            if (newest.path("number").asLong() == number && !UNFINISHED.contains(result)) {
                break;
            }
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new IllegalStateException("run " + number + " of " + suite + " is still " + result + " after "
                        + TIMEOUT.toMinutes() + " minutes; see the daemon's log above");
            }
            sleep();
        }
        long nanos = System.nanoTime() - start;
        JsonNode run = api.get(path).expect(200, "GET /" + path).json();
        List<TestSummary> tests = check(number, run);
        Instant createdAt = Instant.parse(run.path("createdAt").asText());
        Instant startedAt = Instant.parse(run.path("startedAt").asText());
        Instant finishedAt = Instant.parse(run.path("finishedAt").asText());
        Instant firstTest = tests.stream()
                .map(test -> test.latest().startedAt())
                .min(Instant::compareTo)
                .orElse(startedAt);
        Instant lastTest = tests.stream()
                .map(test -> test.latest().finishedAt())
                .max(Instant::compareTo)
                .orElse(finishedAt);
        Phases phases = new Phases(
                millis(createdAt, startedAt),
                millis(startedAt, firstTest),
                millis(firstTest, lastTest),
                millis(lastTest, finishedAt));
        return new Outcome(number, nanos, millis(createdAt, finishedAt), polls, phases);
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private List<TestSummary> check(long number, JsonNode run) {
        String result = run.path("result").asText();
        if (!result.equals("passed") || run.path("tests").size() != expectedTests) {
            throw new IllegalStateException("run " + number + " of " + suite + " ended " + result + " with "
                    + run.path("tests").size() + " tests shown; expected passed with " + expectedTests);
        }
        List<TestSummary> tests = store.tests(new RunId(suite, number));
        long attempts = tests.stream().mapToLong(TestSummary::attempts).sum();
        long passed = tests.stream()
                .filter(t -> t.latest().result() == AttemptResult.PASSED)
                .count();
        if (tests.size() != expectedTests || attempts != expectedTests || passed != expectedTests) {
            throw new IllegalStateException(
                    "run " + number + " of " + suite + " stored " + tests.size() + " tests with " + attempts
                            + " attempts, " + passed + " passed; expected " + expectedTests + " of each");
        }
        return tests;
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run", e);
        }
    }
}
