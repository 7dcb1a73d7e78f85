package dev.handoff.daemon.web;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** The few kinds of response the UI sends. */
final class Responses {

    private static final HttpMediaType HTML_UTF_8 = HttpMediaType.create(MediaTypes.TEXT_HTML).withCharset(StandardCharsets.UTF_8);

    private Responses() {}

    /** A page; never cached, since runs change while they are watched. */
    static void html(ServerResponse response, Html page) {
        response.headers().contentType(HTML_UTF_8);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(page.markup().getBytes(StandardCharsets.UTF_8));
    }

    /** After a form post, or to a page's canonical address. */
    static void seeOther(ServerResponse response, String location) {
        response.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }

    /** Plain text, so that a message echoing the request can never be markup. */
    static void text(ServerResponse response, Status status, String message) {
        response.status(status).headers().contentType(HttpMediaTypes.PLAINTEXT_UTF_8);
        response.send(message.getBytes(StandardCharsets.UTF_8));
    }
}
