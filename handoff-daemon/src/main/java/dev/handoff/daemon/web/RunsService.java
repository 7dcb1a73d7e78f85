package dev.handoff.daemon.web;

import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.SuiteRunner;
import dev.handoff.daemon.runner.UnknownSuiteException;
import dev.handoff.daemon.store.RunStore;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.OptionalLong;

/** Triggers a suite's run (the Run button's form) and shows one run. */
final class RunsService implements HttpService {

    private final SuiteRunner runner;
    private final RunStore store;
    private final Clock clock;

    RunsService(SuiteRunner runner, RunStore store, Clock clock) {
        this.runner = runner;
        this.store = store;
        this.clock = clock;
    }

    /**
     * {@code {+suite}} spans slashes: Helidon matches routes against the decoded path, so a suite
     * named {@code payments/checkout}, sent as {@code payments%2Fcheckout}, arrives with its slash.
     */
    @Override
    public void routing(HttpRules rules) {
        rules.post(Paths.SUITES + "/{+suite}/runs", this::trigger)
                .get(Paths.SUITES + "/{+suite}/runs/{run}", this::show);
    }

    private void trigger(ServerRequest request, ServerResponse response) {
        String suite = request.path().pathParameters().get("suite");
        try {
            SuiteRun run = runner.trigger(suite);
            Responses.seeOther(response, Paths.run(run.id()));
        } catch (UnknownSuiteException e) {
            Responses.text(response, Status.NOT_FOUND_404, e.getMessage());
        }
    }

    private void show(ServerRequest request, ServerResponse response) {
        String suite = request.path().pathParameters().get("suite");
        String number = request.path().pathParameters().get("run");
        OptionalLong run = runNumber(number);
        if (run.isEmpty()) {
            Responses.text(response, Status.BAD_REQUEST_400, "run number '" + number + "' is not a whole number from 1 up");
            return;
        }
        RunId id = new RunId(suite, run.getAsLong());
        store.find(id).ifPresentOrElse(
                found -> Responses.html(response, RunPage.render(found, clock.instant())),
                () -> Responses.text(response, Status.NOT_FOUND_404, "no run " + id));
    }

    private static OptionalLong runNumber(String text) {
        try {
            long number = Long.parseLong(text);
            return number >= 1 ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
