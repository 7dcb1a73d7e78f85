package dev.handoff.daemon.web;

import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.store.RunReads;
import dev.handoff.daemon.store.RunReads.RunQuery;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads and checks the API's path and query parameters; a value it cannot use is an {@link
 * InvalidParameterException} naming the parameter and the values it takes.
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private static final String RESULTS =
            Arrays.stream(RunResult.values()).map(RunResult::label).collect(Collectors.joining(", "));

    private Params() {}

    static String suite(ServerRequest request) {
        return request.path().pathParameters().get("suite");
    }

    static RunId runId(ServerRequest request) {
        String run = request.path().pathParameters().get("run");
        return new RunId(
                suite(request),
                wholeNumber(run, Long.MAX_VALUE)
                        .orElseThrow(() ->
                                invalid("run", "run number '%s' must be a whole number from 1 up".formatted(run))));
    }

    /** {@code limit}, {@code before}, {@code result} and {@code ref} of a page of runs. */
    static RunQuery runQuery(UriQuery query) {
        return new RunQuery(limit(query), before(query), result(query), first(query, "ref"));
    }

    static int limit(UriQuery query) {
        Optional<String> text = first(query, "limit");
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        return wholeNumber(text.get(), MAX_LIMIT)
                .map(Long::intValue)
                .orElseThrow(() -> invalid(
                        "limit", "limit '%s' must be a whole number from 1 to %d".formatted(text.get(), MAX_LIMIT)));
    }

    private static OptionalLong before(UriQuery query) {
        Optional<String> text = first(query, "before");
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(wholeNumber(text.get(), Long.MAX_VALUE)
                .orElseThrow(() -> invalid(
                        "before", "before '%s' must be a run number, a whole number from 1 up".formatted(text.get()))));
    }

    private static Optional<RunResult> result(UriQuery query) {
        return first(query, "result")
                .map(text -> RunResult.fromLabel(text)
                        .orElseThrow(
                                () -> invalid("result", "result '%s' must be one of %s".formatted(text, RESULTS))));
    }

    /** A query parameter's first value; an empty value counts as absent. */
    static Optional<String> first(UriQuery query, String name) {
        // contains and get, not first(name): that builds a mapped value through Helidon's global
        // mapper registry at every call, a third of the server's time for a poll of a run's state.
        if (!query.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(withoutNul(name, query.get(name))).filter(value -> !value.isEmpty());
    }

    /**
     * The value of a request's field, refused when it holds a NUL character (U+0000): PostgreSQL's
     * text columns cannot hold one, and no name, ref or filter needs it.
     *
     * @throws InvalidParameterException naming the field
     */
    static String withoutNul(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidParameterException(
                    field, "%s contains a NUL character (U+0000), which the daemon does not take".formatted(field));
        }
        return value;
    }

    /** {@code before} of a page of gates: a gate's id. */
    static OptionalLong gateBefore(UriQuery query) {
        Optional<String> text = first(query, "before");
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(wholeNumber(text.get(), Long.MAX_VALUE)
                .orElseThrow(() -> invalid(
                        "before", "before '%s' must be a gate's id, a whole number from 1 up".formatted(text.get()))));
    }

    static long gateId(ServerRequest request) {
        String gate = request.path().pathParameters().get("gate");
        return wholeNumber(gate, Long.MAX_VALUE)
                .orElseThrow(() -> invalid("gate", "gate '%s' must be a whole number from 1 up".formatted(gate)));
    }

    /** {@code ref}, {@code result} and {@code initiatedBy} of {@code /suites/{suite}/runs/latest}. */
    static RunReads.LatestQuery latestQuery(UriQuery query) {
        return new RunReads.LatestQuery(first(query, "ref"), result(query), first(query, "initiatedBy"));
    }

    /**
     * A duration parameter such as {@code wait=60s}: {@code 500ms}, {@code 30s}, {@code 5m}, at
     * most {@code max}; absent gives {@code absent}.
     */
    static Duration duration(UriQuery query, String name, Duration absent, Duration max) {
        Optional<String> text = first(query, name);
        return text.isEmpty() ? absent : duration(name, text.get(), max);
    }

    /** A duration a request gives, such as {@code 10m}, checked to be from 0 to {@code max}. */
    static Duration duration(String name, String text, Duration max) {
        Duration value;
        try {
            value = Durations.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name, name + " " + e.getMessage());
        }
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw invalid(name, "%s '%s' must be from 0s to %s".formatted(name, text, Durations.format(max)));
        }
        return value;
    }

    private static Optional<Long> wholeNumber(String text, long max) {
        if (text == null
                || text.isEmpty()
                || text.length() > 19
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text);
            return value >= 1 && value <= max ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static InvalidParameterException invalid(String parameter, String message) {
        return new InvalidParameterException(parameter, message);
    }
}
