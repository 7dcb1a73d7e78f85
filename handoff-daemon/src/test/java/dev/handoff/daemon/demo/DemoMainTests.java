package dev.handoff.daemon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemon;
import dev.handoff.daemon.Runs;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import dev.handoff.daemon.web.UiClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DemoMainTests {

    @Test
    void demoSaysWhereItListensAndRunsEverySuiteOnce() {
        SlowSuite.release = new CountDownLatch(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (Daemon daemon = DemoMain.start(new DemoOptions("127.0.0.1", 0), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8).lines().findFirst())
                    .hasValue("Handoff demo: http://127.0.0.1:" + daemon.port() + "/");
            assertThat(daemon.catalog().suites()).hasSize(8);
            for (Suite suite : daemon.catalog().suites()) {
                SuiteRun run = daemon.store().lastRun(suite.name()).orElseThrow();
                assertThat(run.id().number()).isEqualTo(1);
                Runs.awaitFinished(daemon.store(), run.id());
            }
            assertThat(new UiClient(daemon.port()).get("/suites").body()).doesNotContain("never run");
        }
    }
}
