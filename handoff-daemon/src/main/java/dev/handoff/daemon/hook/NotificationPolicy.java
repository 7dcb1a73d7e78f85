package dev.handoff.daemon.hook;

import dev.handoff.api.FinishedRun;
import dev.handoff.api.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a hook hears of a finished run: its {@code notify}, {@code failures} and {@code digest}
 * settings ({@code --hook-setting slack.notify=state-change}), each overridable for one suite by
 * {@code KEY.SUITE} ({@code --hook-setting pagerduty.failures.checkout=2 within 15m}).
 *
 * <ul>
 *   <li>{@code failures=N within DURATION}: a failed run alerts only when at least {@code N} runs
 *       of the suite failed within {@code DURATION} up to it (default {@code 1}: every failed run);
 *   <li>{@code notify=state-change}: the hook hears of a run only when the suite's alert state
 *       (alerting: the run failed and met {@code failures}) differs from the previous finished
 *       run's, so a failure pages once and the recovery once; {@code notify=always} (the default)
 *       tells it of every run, but of a failed run only when it alerts;
 *   <li>{@code digest=daily} or {@code digest=every N runs}: Slack only, a message listing the
 *       suite's flaky tests.
 * </ul>
 *
 * A soft failure (quarantined tests' failures included) never fails a run, so it never alerts.
 * The state is read from the stored runs, so every replica of a cluster decides alike.
 */
record NotificationPolicy(boolean stateChangeOnly, int failures, Duration within, Optional<Digest> digest) {

    static final NotificationPolicy ALWAYS = new NotificationPolicy(false, 1, Duration.ZERO, Optional.empty());

    static final String NOTIFY = "notify";
    static final String FAILURES = "failures";
    static final String DIGEST = "digest";

    private static final Pattern FAILURES_FORM = Pattern.compile("(\\d+)\\s+within\\s+(\\S+)");
    private static final Pattern EVERY_RUNS = Pattern.compile("every\\s+(\\d+)\\s+runs?");

    /** A digest of flaky tests: once a day ({@code runs} 0), or every {@code runs} runs of the suite. */
    record Digest(Duration every, int runs) {

        boolean daily() {
            return runs == 0;
        }
    }

    /** One finished run of the suite as the policy reads it. */
    record PastRun(boolean failed, Instant finishedAt) {}

    /**
     * The policy of the hook for the suite, from the hook's settings.
     *
     * @throws IllegalArgumentException naming the setting when a value cannot be read
     */
    static NotificationPolicy of(String hook, String suite, Map<String, String> settings) {
        String notify = setting(settings, NOTIFY, suite).orElse("always").toLowerCase(Locale.ROOT);
        if (!notify.equals("always") && !notify.equals("state-change")) {
            throw new IllegalArgumentException(
                    "%s.%s '%s' is neither always nor state-change".formatted(hook, NOTIFY, notify));
        }
        int failures = 1;
        Duration within = Duration.ZERO;
        Optional<String> threshold = setting(settings, FAILURES, suite);
        if (threshold.isPresent()) {
            Matcher form = FAILURES_FORM.matcher(threshold.get().trim());
            try {
                if (!form.matches()) {
                    throw new IllegalArgumentException("not N within DURATION");
                }
                failures = Integer.parseInt(form.group(1));
                within = Durations.parse(form.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("%s.%s '%s' must read N within DURATION, such as 2 within 15m"
                        .formatted(hook, FAILURES, threshold.get()));
            }
            if (failures < 1 || within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException("%s.%s '%s' needs N of at least 1 and a DURATION above 0"
                        .formatted(hook, FAILURES, threshold.get()));
            }
        }
        Optional<Digest> digest = setting(settings, DIGEST, suite).map(text -> digest(hook, text));
        return new NotificationPolicy(notify.equals("state-change"), failures, within, digest);
    }

    private static Digest digest(String hook, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("daily")) {
            return new Digest(Duration.ofDays(1), 0);
        }
        Matcher every = EVERY_RUNS.matcher(value);
        if (every.matches() && Integer.parseInt(every.group(1)) >= 1) {
            return new Digest(Duration.ZERO, Integer.parseInt(every.group(1)));
        }
        throw new IllegalArgumentException(
                "%s.%s '%s' is neither daily nor every N runs (such as every 10 runs)".formatted(hook, DIGEST, text));
    }

    /** The suite's own value ({@code KEY.SUITE}), else the hook's ({@code KEY}). */
    private static Optional<String> setting(Map<String, String> settings, String key, String suite) {
        return Optional.ofNullable(settings.get(key + "." + suite))
                .or(() -> Optional.ofNullable(settings.get(key)))
                .filter(value -> !value.isBlank());
    }

    /** Whether the policy needs the suite's recent runs to decide (anything but the default). */
    boolean readsHistory() {
        return stateChangeOnly || failures > 1;
    }

    /**
     * Whether the hook hears of this run.
     *
     * @param history the suite's finished runs up to and including this one, newest first
     *     (cancelled runs left out); empty when {@link #readsHistory()} is false
     */
    boolean delivers(FinishedRun run, List<PastRun> history) {
        boolean alerting = alerting(run.failed(), run.finishedAt(), history, 0);
        if (!stateChangeOnly) {
            return !run.failed() || alerting;
        }
        int previous = indexOfPrevious(run, history);
        boolean wasAlerting = previous >= 0
                && alerting(
                        history.get(previous).failed(), history.get(previous).finishedAt(), history, previous);
        return alerting != wasAlerting;
    }

    /** The previous run's place in the history (the run itself is first when it is there). */
    private static int indexOfPrevious(FinishedRun run, List<PastRun> history) {
        if (history.isEmpty()) {
            return -1;
        }
        boolean selfFirst = history.get(0).finishedAt().equals(run.finishedAt());
        int previous = selfFirst ? 1 : 0;
        return previous < history.size() ? previous : -1;
    }

    /** A run alerts when it failed and at least {@code failures} runs failed within the window up to it. */
    private boolean alerting(boolean failed, Instant at, List<PastRun> history, int from) {
        if (!failed) {
            return false;
        }
        if (failures <= 1) {
            return true;
        }
        Instant since = at.minus(within);
        long count = history.subList(from, history.size()).stream()
                .filter(past -> past.failed()
                        && !past.finishedAt().isAfter(at)
                        && past.finishedAt().isAfter(since))
                .count();
        return count >= failures;
    }
}
