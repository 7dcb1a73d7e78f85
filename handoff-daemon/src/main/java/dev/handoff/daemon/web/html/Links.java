package dev.handoff.daemon.web.html;

import dev.handoff.daemon.run.RunId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where pages link to: the API's own addresses, since every page is a resource of the API seen by
 * a browser. Suite and test names are free text, so every path segment is percent-encoded (the
 * JSON API's {@code url} fields encode them alike; the pages' tests check that they agree).
 */
final class Links {

    static final String SUITES = "/suites";

    private Links() {}

    static String suite(String suite) {
        return SUITES + "/" + encode(suite);
    }

    static String runs(String suite) {
        return suite(suite) + "/runs";
    }

    static String run(RunId id) {
        return runs(id.suite()) + "/" + id.number();
    }

    static String retry(RunId id) {
        return run(id) + "/retry";
    }

    static String cancel(RunId id) {
        return run(id) + "/cancel";
    }

    static String junitXml(RunId id) {
        return run(id) + "/junit.xml";
    }

    /** A test's slashes ({@code Nested/method}) stay slashes: the route takes the rest of the path. */
    static String test(RunId id, String test) {
        return run(id) + "/tests/" + Arrays.stream(test.split("/", -1)).map(Links::encode).collect(Collectors.joining("/"));
    }

    /** Percent-encoding that paths and queries read alike: a space is {@code %20}, never {@code +}. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
