package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

/** Waiting for what schedules do, in tests. */
final class Schedules {

    private Schedules() {}

    static JsonNode runs(Daemons http, String suite) {
        Daemons.Response response = http.get("/suites/" + Daemons.segment(suite) + "/runs?limit=100");
        if (response.status() != 200) {
            return fail("runs of %s gave %d: %s", suite, response.status(), response.body());
        }
        return response.json().get("runs");
    }

    static List<JsonNode> runsBy(Daemons http, String suite, String initiatedBy) {
        return StreamSupport.stream(runs(http, suite).spliterator(), false)
                .filter(run -> run.get("initiatedBy").asText().equals(initiatedBy))
                .toList();
    }

    /** Waits until {@code initiatedBy} started at least {@code count} runs of the suite. */
    static List<JsonNode> awaitRuns(Daemons http, String suite, String initiatedBy, int count) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            List<JsonNode> runs = runsBy(http, suite, initiatedBy);
            if (runs.size() >= count) {
                return runs;
            }
            if (Instant.now().isAfter(deadline)) {
                return fail(
                        "%s started %d runs of %s, not %d, in %s",
                        initiatedBy, runs.size(), suite, count, Daemons.PATIENCE);
            }
            Runs.sleep();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
