package dev.handoff.daemon.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Status;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * {@code type} is always {@code about:blank}: the status says what kind of problem it is, and
 * {@code detail} says what went wrong in the user's words.
 *
 * @param parameter the request parameter at fault (a query parameter, header or body field);
 *     absent when the problem is not about one
 * @param instance the path that was asked for
 */
record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) String parameter,
        @JsonInclude(JsonInclude.Include.NON_NULL) String instance) {

    static Problem of(Status status, String detail, String parameter, String instance) {
        return new Problem("about:blank", status.reasonPhrase(), status.code(), detail, parameter, instance);
    }
}
