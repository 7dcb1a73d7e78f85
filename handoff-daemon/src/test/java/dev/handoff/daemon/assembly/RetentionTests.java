package dev.handoff.daemon.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Housekeeping: runs past the retention go, and a retention of 0 ("forever") keeps every run. */
class RetentionTests {

    @TempDir
    Path dataDir;

    @Test
    void noRetentionKeepsAYearOldRunWhileThirtyDaysRemoveIt() throws InterruptedException {
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, PassingSuite.class).retention(Duration.ZERO))) {
            Daemons http = new Daemons(handoff.url());
            long number = http.trigger("PassingSuite", "");
            http.awaitFinished("PassingSuite", number);
            Clock aYearLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(365));

            int keptForever = new Retention(handoff.store(), Optional.empty(), aYearLater).sweep();

            assertThat(keptForever).isZero();
            assertThat(http.get("/suites/PassingSuite/runs/" + number).status()).isEqualTo(200);

            int removed = new Retention(handoff.store(), Optional.of(Duration.ofDays(30)), aYearLater).sweep();

            assertThat(removed).isEqualTo(1);
            assertThat(http.get("/suites/PassingSuite/runs/" + number).status()).isEqualTo(404);
        }
    }
}
