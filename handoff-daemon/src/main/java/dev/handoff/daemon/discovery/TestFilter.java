package dev.handoff.daemon.discovery;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.Suite;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;

/**
 * A run's test filter, checked against the suite it picks tests of: when a run is triggered and
 * again when it is executed (the suite may have changed in between, or the trigger was taken by a
 * replica of a cluster that lacks the suite), with one set of rules and messages.
 */
@API(status = API.Status.INTERNAL)
public final class TestFilter {

    /** Longer filters are refused: a regular expression is checked against every test name. */
    public static final int MAX_LENGTH = 1000;

    private TestFilter() {}

    /**
     * The filter as a pattern, when it stays short and compiles.
     *
     * @throws InvalidParameterException naming parameter {@code filter} otherwise
     */
    public static Pattern compile(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw new InvalidParameterException(
                    "filter",
                    "filter is " + filter.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        try {
            return Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex());
        }
    }

    /** A filter must compile, stay short, match at a bounded cost, and pick at least one of the suite's tests. */
    public static void check(Suite suite, String filter) {
        Pattern pattern = compile(filter);
        List<String> tests = suite.tests();
        boolean found;
        try {
            found = FilterMatching.anyFound(pattern, tests);
        } catch (FilterMatching.TooCostly e) {
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' takes too many steps to match the "
                            + tests.size() + " test names of suite '" + suite.name() + "' (more than "
                            + FilterMatching.STEPS_PER_NAME
                            + " steps for one name or " + FilterMatching.STEPS_PER_SUITE
                            + " in all): avoid nested repetition such as (a+)+");
        }
        if (!found) {
            List<String> sorted = tests.stream().sorted().toList();
            String names = String.join(", ", sorted.subList(0, Math.min(sorted.size(), 20)))
                    + (sorted.size() > 20 ? ", ..." : "");
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' matches none of the tests of suite '" + suite.name() + "': " + names);
        }
    }
}
