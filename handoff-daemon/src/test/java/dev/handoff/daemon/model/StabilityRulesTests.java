package dev.handoff.daemon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The classification rules over generated histories, written oldest first as a string: {@code P}
 * passed, {@code F} failed, {@code R} passed after a retry, {@code S} soft failure, {@code Q} a
 * quarantined failure.
 */
class StabilityRulesTests {

    private static final StabilityRules RULES = StabilityRules.DEFAULT;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Newest first, as the store gives them. */
    private static List<TestRunOutcome> history(String oldestFirst) {
        List<TestRunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < oldestFirst.length(); i++) {
            char c = oldestFirst.charAt(i);
            AttemptResult result = switch (c) {
                case 'P', 'R' -> AttemptResult.PASSED;
                case 'F' -> AttemptResult.FAILED;
                case 'S', 'Q' -> AttemptResult.SOFT_FAILED;
                default -> throw new IllegalArgumentException("no outcome " + c);
            };
            outcomes.add(
                    0,
                    new TestRunOutcome(
                            i + 1,
                            result,
                            c == 'R' ? 2 : 1,
                            c == 'R',
                            c == 'Q',
                            START.plusSeconds(60L * i),
                            c == 'F' || c == 'S' || c == 'Q'
                                    ? Optional.of("failure in run " + (i + 1))
                                    : Optional.empty()));
        }
        return outcomes;
    }

    private static TestStability judge(String oldestFirst) {
        return RULES.judge("t", history(oldestFirst), Optional.empty());
    }

    @Test
    void aTestThatAlwaysPassesIsStable() {
        assertThat(judge("P".repeat(50)).stability()).isEqualTo(Stability.STABLE);
    }

    @Test
    void tooFewRunsAreNew() {
        assertThat(judge("FFFF").stability()).isEqualTo(Stability.NEW);
        assertThat(judge("").stability()).isEqualTo(Stability.NEW);
        assertThat(judge("").runs()).isZero();
    }

    @Test
    void passingOnlyAfterRetriesOftenIsFlaky() {
        TestStability flaky = judge("PPPPRPPPPR");
        assertThat(flaky.stability()).isEqualTo(Stability.FLAKY);
        assertThat(flaky.flakyPasses()).isEqualTo(2);
        assertThat(flaky.flakeRate()).isEqualTo(0.2);
        assertThat(flaky.meanAttempts()).isEqualTo(1.2);
        assertThat(flaky.impact()).isEqualTo(2);
    }

    @Test
    void oneRetryInTwentyRunsIsBelowTheThresholdAndStable() {
        assertThat(judge("P".repeat(19) + "R").stability()).isEqualTo(Stability.STABLE);
    }

    @Test
    void aResultThatFlipsOftenIsFlaky() {
        TestStability flipping = judge("PFPPFPPFPP");
        assertThat(flipping.stability()).isEqualTo(Stability.FLAKY);
        assertThat(flipping.flipRate()).isEqualTo(6.0 / 9);
        assertThat(flipping.stateChangedAt()).contains(START.plusSeconds(60L * 8));
    }

    @Test
    void failingInTheLastRunsIsBroken() {
        TestStability broken = judge("PPPPPPPFFF");
        assertThat(broken.stability()).isEqualTo(Stability.BROKEN);
        assertThat(broken.failures()).isEqualTo(3);
        assertThat(broken.lastFailureMessage()).contains("failure in run 10");
        assertThat(broken.stateChangedAt()).contains(START.plusSeconds(60L * 7));
        assertThat(broken.trend()).isEqualTo("worsening");
    }

    @Test
    void aRecoveredTestIsStableAndImproving() {
        TestStability recovered = judge("FFFFFPPPPPPPPPP");
        assertThat(recovered.stability()).isEqualTo(Stability.STABLE);
        assertThat(recovered.flipRate()).isEqualTo(1.0 / 14);
        assertThat(recovered.trend()).isEqualTo("improving");
    }

    @Test
    void softAndQuarantinedFailuresCountAsFailingButNotAsFailures() {
        TestStability quarantined = RULES.judge(
                "t",
                history("QQQQQ"),
                Optional.of(new Quarantine("s", "t", "SANDBOX-7", "alice", START, Optional.empty())));
        assertThat(quarantined.stability()).isEqualTo(Stability.BROKEN);
        assertThat(quarantined.failures()).isZero();
        assertThat(quarantined.softFailures()).isEqualTo(5);
        assertThat(quarantined.quarantined()).isTrue();
        assertThat(quarantined.impact()).isEqualTo(5);
    }

    @Test
    void thresholdsAreConfigurable() {
        StabilityRules strict = new StabilityRules(50, 2, 1, 0, 100);
        assertThat(strict.judge("t", history("PPPPPPPPPF"), Optional.empty()).stability())
                .isEqualTo(Stability.BROKEN);
        assertThat(strict.judge("t", history("PPPPPPPPRP"), Optional.empty()).stability())
                .isEqualTo(Stability.FLAKY);
        assertThatThrownBy(() -> new StabilityRules(0, 5, 3, 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StabilityRules(50, 5, 3, 101, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rankingPutsTheMostRunsMadeFlakyOrFailedFirst() {
        List<TestStability> ranked = StabilityRules.ranked(List.of(
                RULES.judge("a", history("PPPPP"), Optional.empty()),
                RULES.judge("b", history("PPRPR"), Optional.empty()),
                RULES.judge("c", history("PFFFF"), Optional.empty())));
        assertThat(ranked).extracting(TestStability::test).containsExactly("c", "b", "a");
    }
}
