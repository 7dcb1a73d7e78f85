package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.engine.internal.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a run on the daemon until it finishes, printing a line each time one of its tests got
 * a new result. Polling misses attempts that begin and end between two looks: the line then shows
 * the attempt reached (a test that passed on its second attempt prints {@code PASS x (attempt 2,
 * flaky)}).
 */
final class RunWatcher {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long a daemon may be gone (a restart, a rollout) before waiting for the run gives up. */
    static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(2);
    private static final Set<String> UNFINISHED = Set.of("pending", "running");

    private final DaemonClient client;
    private final PrintStream out;
    private final Map<String, String> printed = new HashMap<>();

    RunWatcher(DaemonClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /**
     * @return the finished run's detail
     * @throws CliException when it did not finish within {@code timeout}
     */
    DaemonClient.Answer watch(String suite, long number, Optional<Duration> timeout) {
        Optional<Instant> deadline = timeout.map(Instant.now()::plus);
        Instant unavailableSince = null;
        while (true) {
            DaemonClient.Answer detail;
            try {
                detail = client.run(suite, number);
                unavailableSince = null;
            } catch (DaemonClient.Unavailable e) {
                Instant now = Instant.now();
                if (unavailableSince == null) {
                    unavailableSince = now;
                    out.println("Handoff is not answering (" + e.getMessage() + "); waiting up to "
                            + Durations.format(RECONNECT_PATIENCE) + " for it to come back, the run resumes when it does");
                } else if (now.isAfter(unavailableSince.plus(RECONNECT_PATIENCE))
                        || deadline.isPresent() && now.isAfter(deadline.get())) {
                    throw e;
                }
                pause();
                continue;
            }
            printNewResults(detail.json());
            if (!UNFINISHED.contains(detail.json().path("result").asText())) {
                return detail;
            }
            if (deadline.isPresent() && Instant.now().isAfter(deadline.get())) {
                throw new CliException("run %s #%d did not finish within %s; it is still %s at %s".formatted(suite, number,
                        Durations.format(timeout.orElseThrow()), detail.json().path("result").asText(),
                        client.resolve(detail.json().path("url").asText(""))));
            }
            pause();
        }
    }

    private void printNewResults(JsonNode run) {
        for (JsonNode test : run.path("tests")) {
            String name = test.path("name").asText();
            String result = test.path("result").asText();
            int attempts = test.path("attempts").asInt(1);
            String state = result + "/" + attempts;
            if (!state.equals(printed.put(name, state))) {
                out.println(ProgressLines.test(result, name, attempts, 0, test.path("flaky").asBoolean(), message(test)));
            }
        }
    }

    static Optional<String> message(JsonNode owner) {
        JsonNode message = owner.path("failure").path("message");
        return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the run", e);
        }
    }
}
