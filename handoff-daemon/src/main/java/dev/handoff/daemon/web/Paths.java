package dev.handoff.daemon.web;

import dev.handoff.daemon.run.RunId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The UI's addresses. Suite names are free text, so they are percent-encoded as path segments. */
final class Paths {

    static final String SUITES = "/suites";

    private Paths() {}

    static String runs(String suite) {
        return SUITES + "/" + segment(suite) + "/runs";
    }

    static String run(RunId id) {
        return runs(id.suite()) + "/" + id.number();
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
