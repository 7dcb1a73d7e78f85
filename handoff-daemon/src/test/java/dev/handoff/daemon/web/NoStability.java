package dev.handoff.daemon.web;

import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.TestStability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The API fixture's stability: no test has outcomes (every test is new) and quarantines are refused,
 * as the fixture has no database; the real one is tested against a daemon in {@code StabilityApiTests}.
 */
record NoStability(SuiteCatalog catalog) implements StabilityActions {

    @Override
    public StabilityRules rules() {
        return StabilityRules.DEFAULT;
    }

    @Override
    public List<TestStability> suite(String suite, OptionalInt window) {
        return catalog.require(suite).tests().stream()
                .map(test -> StabilityRules.DEFAULT.judge(test, List.of(), Optional.empty()))
                .toList();
    }

    @Override
    public TestStability test(String suite, String test, OptionalInt window) {
        catalog.require(suite);
        return StabilityRules.DEFAULT.judge(test, List.of(), Optional.empty());
    }

    @Override
    public List<TestStability> recent(String suite) {
        return suite(suite, OptionalInt.empty());
    }

    @Override
    public List<QuarantineEvent> audit(String suite, String test) {
        return List.of();
    }

    @Override
    public Quarantine quarantine(String suite, String test, String reason, String by, Optional<Instant> expiresAt) {
        throw new InvalidParameterException("test", "the API fixture keeps no quarantines");
    }

    @Override
    public boolean lift(String suite, String test, String by, Optional<String> reason) {
        return false;
    }
}
