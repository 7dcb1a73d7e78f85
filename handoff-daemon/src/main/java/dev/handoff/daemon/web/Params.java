package dev.handoff.daemon.web;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.store.RunReads.RunQuery;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
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

    private static int limit(UriQuery query) {
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
        return Optional.of(query.get(name)).filter(value -> !value.isEmpty());
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
