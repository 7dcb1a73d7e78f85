package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.runner.Suite;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Starting a daemon for {@code serve} and {@code demo}, with its problems in one line each. */
final class DaemonStartup {

    /** Generous: discovery of large suite jars and a database migration happen before this. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    private DaemonStartup() {}

    /** Builds, starts and waits until it serves. @throws CliException when it cannot */
    static Handoff start(Handoff.Builder builder) {
        Handoff handoff;
        try {
            handoff = builder.build();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new CliException(e.getMessage(), e);
        }
        try {
            handoff.start();
            if (!handoff.awaitReady(READY_WITHIN)) {
                throw new CliException("Handoff did not get ready within " + READY_WITHIN.toMinutes() + " minutes");
            }
            return handoff;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            handoff.close();
            throw new CliException("cannot start Handoff: " + e.getMessage(), e);
        } catch (CliException e) {
            handoff.close();
            throw e;
        }
    }

    /** {@code 3 suites: A, B, C}, for the lines printed at start. */
    static String describeSuites(Handoff handoff) {
        List<Suite> suites = handoff.catalog().suites();
        if (suites.isEmpty()) {
            return "No @HandoffSuite classes found.";
        }
        return suites.size() + (suites.size() == 1 ? " suite: " : " suites: ")
                + suites.stream().map(Suite::name).collect(Collectors.joining(", "));
    }
}
