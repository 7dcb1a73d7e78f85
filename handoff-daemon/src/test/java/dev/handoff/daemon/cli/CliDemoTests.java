package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff demo} (what {@code DemoMain} starts) as a process of its own, over the fixture suites in the classpath's folders. */
class CliDemoTests {

    private static final String DEMO = "Handoff demo: ";

    @TempDir
    Path temp;

    @Test
    void demoSaysWhereItListensAndRunsEverySuiteOnce() throws Exception {
        try (HandoffProcess demo = HandoffProcess.start(
                temp, "demo", "--port", "0", "--data-dir", temp.resolve("data").toString())) {
            String line = demo.awaitLine(DEMO);
            assertThat(line).matches("Handoff demo: http://127\\.0\\.0\\.1:\\d+/");

            // The demo triggers its runs once it listens: wait until the last trigger is in.
            Instant deadline = Instant.now().plusSeconds(20);
            Cli.Result suites = Cli.run("suites", "--url", line.substring(DEMO.length()));
            while (suites.out().contains("never run") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                suites = Cli.run("suites", "--url", line.substring(DEMO.length()));
            }

            assertThat(suites.out()).contains("PassingSuite", "FailingSuite");
            // ScheduledSuite's own every-1s schedules add runs of it once a second: on a loaded machine, before this
            // listing.
            assertThat(suites.out().lines().skip(1).filter(row -> !row.startsWith("ScheduledSuite ")))
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row).endsWith("#1"));
            assertThat(suites.out().lines().filter(row -> row.startsWith("ScheduledSuite ")))
                    .singleElement()
                    .asString()
                    .containsPattern("#\\d+$");
        }
    }

    @Test
    void busyPortUnderTheMavenDemoSaysHowToPickAnotherInMavenTerms() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result result =
                    Cli.run("demo", "--from-maven", "--port", "" + busy.getLocalPort(), "--data-dir", temp.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(result.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("cannot listen on 127.0.0.1:" + busy.getLocalPort())
                    .endsWith("add -Ddemo.args=\"--port 8080\" to the Maven command (--port 0 picks a free one)");
        }
    }

    @Test
    void demoSaysWhatItDoesWhileItStartsAndAsEachRunEnds() throws Exception {
        try (HandoffProcess demo = HandoffProcess.start(
                temp, "demo", "--port", "0", "--data-dir", temp.resolve("data").toString())) {
            assertThat(demo.awaitLine("Starting the Handoff demo: finding the suites"))
                    .contains("opening the database");
            assertThat(demo.awaitLine("PassingSuite #1 ")).startsWith("PassingSuite #1 passed");
        }
    }
}
