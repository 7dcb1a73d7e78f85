package dev.handoff.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import org.junit.jupiter.api.Test;

/** Run by Surefire on JUnit 6: passes on its second attempt, so the build stays green. */
@HandoffSuite(maxAttempts = 2)
class SurefireOnJUnit6Suite {

    @Test
    void passesOnSecondAttempt(HandoffContext context) {
        assertThat(context.attempt()).isEqualTo(2);
    }
}
