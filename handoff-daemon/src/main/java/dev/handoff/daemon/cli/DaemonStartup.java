package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.model.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Starting a daemon for {@code serve} and {@code demo}, with its problems in one line each. */
final class DaemonStartup {

    /** Generous: discovery of large suite jars and a database migration happen before this. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    private DaemonStartup() {}

    /** Builds, starts and waits until it serves. @throws CliException when it cannot */
    static Handoff start(DaemonConfig config) {
        Handoff handoff;
        try {
            handoff = Handoff.of(config);
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

    /**
     * Refuses a host that is not this machine's and a port something else listens on, before the
     * daemon opens anything. The web server
     * would find out too, but only after logging two SEVERE records and a 40-line stack trace
     * above the one line that says what to do.
     */
    static void requireFreePort(String host, int port) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(host, port);
        } catch (IllegalArgumentException e) {
            return; // a port out of range: the options refuse it, naming --port
        }
        if (address.isUnresolved()) {
            throw new CliException(
                    "cannot listen on %s: no such host; give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0"
                            .formatted(host));
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "the address cannot be bound" : e.getMessage();
            String hint = reason.contains("in use")
                    ? "; stop what listens there or give another --port"
                    : reason.contains("assign")
                            ? "; give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0"
                            : "";
            throw new CliException("cannot listen on %s:%d: %s%s".formatted(host, port, reason, hint), e);
        } catch (IOException | SecurityException e) {
            // an address the probe cannot use: the web server names the problem itself
        }
    }

    /** {@code 3 suites: A, B, C}, for the lines printed at start. */
    static String describeSuites(Handoff handoff) {
        List<Suite> suites = handoff.catalog().suites();
        if (suites.isEmpty()) {
            return "No @HandoffSuite classes found.";
        }
        return suites.size()
                + (suites.size() == 1 ? " suite: " : " suites: ")
                + suites.stream().map(Suite::name).collect(Collectors.joining(", "));
    }
}
