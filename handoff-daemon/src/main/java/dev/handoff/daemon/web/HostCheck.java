package dev.handoff.daemon.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses a request whose {@code Host} is not a name this daemon is reached as ({@link
 * AllowedHosts}) with {@code 421 Misdirected Request}, before access control: the defence against
 * DNS rebinding, where a browser's page on another site reaches the daemon under the site's name.
 */
final class HostCheck implements Filter {

    static final Status MISDIRECTED_REQUEST = Status.create(421, "Misdirected Request");

    private final AllowedHosts allowed;

    HostCheck(AllowedHosts allowed) {
        this.allowed = allowed;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        var host = request.headers().first(HeaderNames.HOST);
        if (allowed.accepts(host)) {
            chain.proceed();
            return;
        }
        Representation.problem(
                request,
                response,
                Problem.of(
                        MISDIRECTED_REQUEST,
                        "this daemon is not reached as '%s'; add the name to --allowed-hosts (HANDOFF_ALLOWED_HOSTS) if it is"
                                .formatted(RequestLimits.shortened(AllowedHosts.hostOf(host.get()))),
                        "Host",
                        RequestLimits.shortened(request.prologue().uriPath().rawPath())));
    }
}
