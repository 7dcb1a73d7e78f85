package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.api.internal.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a run on the daemon until it finishes, printing a line each time one of its tests got
 * a new result. Attempts that began and ended between two looks are read from the test's own
 * resource and printed before the latest, so a test that passed on its second attempt prints its
 * {@code RETRY} line and then {@code PASS x (attempt 2, flaky)}, as {@code exec} does.
 */
final class RunWatcher {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long a daemon may be gone (a restart, a rollout) before waiting for the run gives up. */
    static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(2);

    private static final Set<String> UNFINISHED = Set.of("pending", "running");

    private final DaemonClient client;
    private final PrintStream out;
    private final Map<String, String> printed = new HashMap<>();
    /** The highest attempt number printed for each test. */
    private final Map<String, Integer> printedAttempts = new HashMap<>();

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
                            + Durations.format(RECONNECT_PATIENCE)
                            + " for it to come back, the run resumes when it does");
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
                throw new CliException("run %s #%d did not finish within %s; it is still %s at %s"
                        .formatted(
                                suite,
                                number,
                                Durations.format(timeout.orElseThrow()),
                                detail.json().path("result").asText(),
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
                int before = printedAttempts.getOrDefault(name, 0);
                if (attempts > before + 1) {
                    printMissedAttempts(name, test.path("url").asText(""), before, attempts);
                }
                printedAttempts.put(name, attempts);
                out.println(ProgressLines.test(
                        result, name, attempts, 0, test.path("flaky").asBoolean(), message(test)));
            }
        }
    }

    /** The attempts after {@code after} and before {@code latest}, which no look saw. */
    private void printMissedAttempts(String name, String url, int after, int latest) {
        JsonNode detail;
        try {
            detail = client.follow(url).json();
        } catch (CliException e) {
            return; // the latest attempt's line still says which attempt the test reached
        }
        for (JsonNode attempt : detail.path("attempts")) {
            int number = attempt.path("number").asInt();
            if (number > after && number < latest) {
                out.println(ProgressLines.test(
                        attempt.path("result").asText(),
                        name,
                        number,
                        attempt.path("maxAttempts").asInt(0),
                        false,
                        message(attempt)));
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
