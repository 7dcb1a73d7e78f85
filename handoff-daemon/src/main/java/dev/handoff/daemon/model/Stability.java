package dev.handoff.daemon.model;

import java.util.Locale;
import org.apiguardian.api.API;

/** What a test's history says of it; {@link StabilityRules} decides which. */
@API(status = API.Status.EXPERIMENTAL)
public enum Stability {
    /** Passes at the first attempt, or fails seldom enough not to matter. */
    STABLE,
    /** Passes only after retries often, or its final result flips often between runs. */
    FLAKY,
    /** Failed in each of the last runs (see {@link StabilityRules#brokenAfter()}). */
    BROKEN,
    /** Ran too few times to judge. */
    NEW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
