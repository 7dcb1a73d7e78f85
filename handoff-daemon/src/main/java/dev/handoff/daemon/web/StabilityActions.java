package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.TestStability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Tests' stability and quarantines, as the API may read and change them (the daemon's {@code
 * StabilityService}). Unknown suites throw {@code UnknownSuiteException}; bad input throws {@code
 * InvalidParameterException} naming the parameter.
 */
@API(status = API.Status.INTERNAL)
public interface StabilityActions {

    StabilityRules rules();

    /** The suite's tests, the most trouble first. */
    List<TestStability> suite(String suite, OptionalInt window);

    TestStability test(String suite, String test, OptionalInt window);

    /** As {@link #suite} over the default window, possibly a few seconds old: for the flaky tests panels. */
    List<TestStability> recent(String suite);

    /** Oldest first. */
    List<QuarantineEvent> audit(String suite, String test);

    Quarantine quarantine(String suite, String test, String reason, String by, Optional<Instant> expiresAt);

    /** @return false when the test was not quarantined */
    boolean lift(String suite, String test, String by, Optional<String> reason);
}
