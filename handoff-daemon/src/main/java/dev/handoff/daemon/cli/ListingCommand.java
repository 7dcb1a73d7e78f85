package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that lists what a daemon has ({@code suites}, {@code schedules}): one GET, then the
 * JSON as it came ({@code --json}) or a table with a row per item.
 */
abstract class ListingCommand implements Callable<Integer> {

    @Mixin
    DaemonAddress daemon = new DaemonAddress();

    @Option(names = "--json", description = "Print the daemon's JSON as it came.")
    boolean json;

    private final CliContext context;
    private final String items;
    private final List<String> header;
    private final Function<DaemonClient, DaemonClient.Answer> fetch;

    /**
     * @param items the answer's array field and the word for its items ({@code suites})
     * @param fetch the request that answers with that array
     */
    ListingCommand(
            CliContext context, String items, List<String> header, Function<DaemonClient, DaemonClient.Answer> fetch) {
        this.context = context;
        this.items = items;
        this.header = header;
        this.fetch = fetch;
    }

    /** One item's cells, in the header's order. */
    abstract List<String> row(JsonNode item);

    @Override
    public Integer call() {
        DaemonClient.Answer answer = fetch.apply(daemon.client(context));
        if (json) {
            context.out().println(answer.body());
            return ExitCode.OK;
        }
        if (answer.json().path(items).isEmpty()) {
            context.out().println("The daemon has no " + items + ".");
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (JsonNode item : answer.json().path(items)) {
            rows.add(row(item));
        }
        Table.print(context.out(), rows);
        return ExitCode.OK;
    }
}
