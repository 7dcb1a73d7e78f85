package dev.handoff.daemon.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Map;

/**
 * A resource of the API: its handlers by {@link Route}. Services register only through {@link
 * #handlers()}, so the routes a server serves are exactly the keys of its services' maps, each
 * {@code GET} route answering {@code HEAD} too (the same status and headers, no body: {@link
 * HeadResponse}).
 */
interface ApiService extends HttpService {

    /** In the order Helidon should try them. */
    Map<Route, Handler> handlers();

    @Override
    default void routing(HttpRules rules) {
        handlers().forEach((route, handler) -> {
            rules.route(route.method(), route.pattern(), handler);
            if (route.method() == Method.GET) {
                rules.route(Method.HEAD, route.pattern(), HeadResponse.handler(handler));
            }
        });
    }
}
