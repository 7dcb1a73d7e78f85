package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.SuiteRun;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the demo prints while its first runs go: one summary line per run as it finishes (the same
 * line {@code run --wait} ends with), then where to look. Without it the demo sat silent while the
 * sample suites ran, which looked like a hang.
 */
final class DemoProgress {

    private static final long POLL_MILLIS = 250;

    private DemoProgress() {}

    /** Follows the runs on a daemon thread of its own; it ends once all finished or the daemon closed. */
    static void follow(Handoff handoff, List<RunId> runs, PrintStream out) {
        Thread.ofVirtual().name("handoff-demo-progress").start(() -> print(handoff, runs, out));
    }

    private static void print(Handoff handoff, List<RunId> runs, PrintStream out) {
        List<RunId> waiting = new ArrayList<>(runs);
        try {
            while (!waiting.isEmpty()) {
                for (RunId id : List.copyOf(waiting)) {
                    Optional<SuiteRun> run = handoff.store().find(id);
                    if (run.isEmpty() || run.get().result().isFinished()) {
                        waiting.remove(id);
                        run.ifPresent(finished -> out.println(line(finished)));
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
            out.println("Every suite ran once; the pages at " + handoff.url() + " show their tests. Ctrl-C stops.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the daemon is closing (Ctrl-C before the runs ended): nothing left to report
        }
    }

    private static String line(SuiteRun run) {
        return ProgressLines.summary(
                run.id().suite() + " #" + run.id().number(),
                run.result().label(),
                run.startedAt().flatMap(start -> run.finishedAt().map(end -> java.time.Duration.between(start, end))),
                run.counts());
    }
}
