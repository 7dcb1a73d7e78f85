package dev.handoff.daemon.web;

import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.store.RunStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The suites page, which is also the UI's home. */
final class SuitesService implements HttpService {

    private final SuiteCatalog catalog;
    private final RunStore store;

    SuitesService(SuiteCatalog catalog, RunStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> Responses.seeOther(response, Paths.SUITES))
                .get(Paths.SUITES, this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        var rows = catalog.suites().stream()
                .map(suite -> new SuitesPage.Row(suite, store.lastRun(suite.name())))
                .toList();
        Responses.html(response, SuitesPage.render(rows));
    }
}
