package dev.handoff.daemon.web;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The API's addresses, which the JSON's {@code url} fields and the pages' links share. Suite and
 * test names are free text, so they are percent-encoded.
 */
public final class Paths {

    public static final String SUITES = "/suites";
    public static final String SCHEDULES = "/schedules";
    public static final String GATES = "/gates";

    private Paths() {}

    public static String suite(String suite) {
        return SUITES + "/" + encode(suite);
    }

    public static String gate(long id) {
        return GATES + "/" + id;
    }

    public static String schedule(String name) {
        return SCHEDULES + "/" + encode(name);
    }

    public static String runs(String suite) {
        return suite(suite) + "/runs";
    }

    public static String run(RunId id) {
        return runs(id.suite()) + "/" + id.number();
    }

    public static String retry(RunId id) {
        return run(id) + "/retry";
    }

    public static String cancel(RunId id) {
        return run(id) + "/cancel";
    }

    public static String junitXml(RunId id) {
        return run(id) + "/junit.xml";
    }

    /** The run's event stream, which its page follows while it goes. */
    public static String events(RunId id) {
        return run(id) + "/events";
    }

    /** A test's history across the suite's runs. */
    public static String history(String suite, String test) {
        return suite(suite) + "/tests/" + testSegments(test);
    }

    /** A suite's tests with their stability. */
    public static String tests(String suite) {
        return suite(suite) + "/tests";
    }

    /** Where a test's quarantine is put ({@code PUT}, or the page's form) and lifted ({@code DELETE}). */
    public static String quarantine(String suite, String test) {
        return history(suite, test) + "/quarantine";
    }

    /** The test page's lift button. */
    public static String liftQuarantine(String suite, String test) {
        return quarantine(suite, test) + "/delete";
    }

    public static String pause(String schedule) {
        return schedule(schedule) + "/pause";
    }

    public static String resume(String schedule) {
        return schedule(schedule) + "/resume";
    }

    /** Deleting a schedule from a form, which cannot send {@code DELETE}. */
    public static String deleteSchedule(String schedule) {
        return schedule(schedule) + "/delete";
    }

    /** A test's slashes ({@code Nested/method}) stay slashes: the route takes the rest of the path. */
    public static String test(RunId id, String test) {
        return run(id) + "/tests/" + testSegments(test);
    }

    private static String testSegments(String test) {
        return Arrays.stream(test.split("/", -1)).map(Paths::encode).collect(Collectors.joining("/"));
    }

    /** The page of runs older than {@code before}, with the same size and filters. */
    static String runsPage(String suite, long before, int limit, Optional<RunResult> result, Optional<String> ref) {
        StringBuilder path = new StringBuilder(runs(suite))
                .append("?before=")
                .append(before)
                .append("&limit=")
                .append(limit);
        result.ifPresent(r -> path.append("&result=").append(r.label()));
        ref.ifPresent(r -> path.append("&ref=").append(encode(r)));
        return path.toString();
    }

    /** Percent-encoding that both paths and queries read alike: a space is {@code %20}, never {@code +}. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
