package dev.handoff.daemon.model;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One test of a run as far as it got: its latest attempt (without its log, spans and values when
 * read in bulk) and how many attempts it had.
 *
 * @param flaky whether its latest attempt passed after an earlier attempt of the run failed
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestSummary(Attempt latest, int attempts, boolean flaky) {

    public TestSummary {
        Objects.requireNonNull(latest, "latest");
    }

    public String test() {
        return latest.test();
    }
}
