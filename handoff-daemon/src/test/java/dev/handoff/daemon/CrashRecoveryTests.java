package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.JdbcRunStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as its own process ({@code handoff serve}), killed and stopped the hard way and the
 * polite way, then started again on the same data folder.
 */
class CrashRecoveryTests {

    private static final Pattern LISTENING = Pattern.compile("Handoff listening on (http://\\S+)");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        daemons.forEach(Process::destroyForcibly);
    }

    @Test
    void killDashNineMidRunLosesNothingAndRecordsNothingTwice() throws Exception {
        Path journal = work.resolve("journal.txt");
        Daemon first = serve();
        Daemons http = new Daemons(first.url());
        long number = http.postJson("/suites/JournalSuite/runs",
                "{\"parameters\":{\"journal\":\"" + journal.toString().replace("\\", "\\\\") + "\",\"sleepMillis\":\"400\"}}")
                .json().get("number").asLong();
        http.await("JournalSuite", number, run -> run.get("tests").size() >= 2, "two tests in");

        first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Set<String> recordedBeforeKill = recordedTests(number);
        assertThat(recordedBeforeKill).hasSizeGreaterThanOrEqualTo(2);
        Daemon second = serve();
        JsonNode run = new Daemons(second.url()).awaitFinished("JournalSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(names(run)).containsExactlyInAnyOrder("first", "second", "third", "fourth", "fifth", "sixth");
        run.get("tests").forEach(test -> assertThat(test.get("attempts").asInt()).as(test.toString()).isEqualTo(1));
        Map<String, Integer> executions = new HashMap<>();
        Files.readAllLines(journal).forEach(name -> executions.merge(name, 1, Integer::sum));
        recordedBeforeKill.forEach(name -> assertThat(executions.get(name)).as(name + " ran again after the restart").isEqualTo(1));
        assertThat(executions.values().stream().mapToInt(Integer::intValue).sum())
                .as("only the test interrupted by the kill runs twice").isBetween(6, 7);
    }

    @Test
    void sigtermStopsWithExitZeroAndTheRunResumes() throws Exception {
        Path journal = work.resolve("journal.txt");
        Daemon first = serve("--shutdown-grace", "300ms");
        Daemons http = new Daemons(first.url());
        long number = http.postJson("/suites/JournalSuite/runs",
                "{\"parameters\":{\"journal\":\"" + journal.toString().replace("\\", "\\\\") + "\",\"sleepMillis\":\"1500\"}}")
                .json().get("number").asLong();
        http.await("JournalSuite", number, run -> run.get("result").asText().equals("running"), "running");

        first.process().destroy();

        assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).isZero();
        Daemon second = serve();
        JsonNode run = new Daemons(second.url()).awaitFinished("JournalSuite", number);
        assertThat(run.get("result").asText()).isEqualTo("passed");
        run.get("tests").forEach(test -> assertThat(test.get("attempts").asInt()).as(test.toString()).isEqualTo(1));
    }

    @Test
    void twentyRunsSurviveAKillDashNineAndThenASigtermWithEveryAttemptRecordedOnce() throws Exception {
        Daemon first = serve("--max-pending-runs", "50");
        Daemons http = new Daemons(first.url());
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path journal = work.resolve("journal-" + i + ".txt");
            numbers.add(http.postJson("/suites/JournalSuite/runs", "{\"parameters\":{\"journal\":\""
                    + journal.toString().replace("\\", "\\\\") + "\",\"sleepMillis\":\"60\"}}").json().get("number").asLong());
        }
        http.await("JournalSuite", numbers.get(2), run -> run.get("result").asText().equals("passed"), "passed");

        first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Daemon second = serve("--shutdown-grace", "200ms");
        new Daemons(second.url()).await("JournalSuite", numbers.get(8), run -> !run.get("result").asText().matches("pending|running"), "finished");
        second.process().destroy();
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
        assertThat(second.process().exitValue()).isZero();
        Daemon third = serve();
        Daemons last = new Daemons(third.url());

        int repeatedRuns = 0;
        for (int i = 0; i < 20; i++) {
            JsonNode run = last.awaitFinished("JournalSuite", numbers.get(i));
            assertThat(run.get("result").asText()).as("run " + numbers.get(i)).isEqualTo("passed");
            assertThat(names(run)).as("run " + numbers.get(i)).containsExactlyInAnyOrder("first", "second", "third", "fourth", "fifth", "sixth");
            run.get("tests").forEach(test -> assertThat(test.get("attempts").asInt()).as(test.toString()).isEqualTo(1));
            List<String> journal = Files.readAllLines(work.resolve("journal-" + i + ".txt"));
            assertThat(new HashSet<>(journal)).hasSize(6);
            Map<String, Integer> executions = new HashMap<>();
            journal.forEach(name -> executions.merge(name, 1, Integer::sum));
            assertThat(executions.values()).as("run %d: a test runs again only after a stop it was not yet recorded at", numbers.get(i))
                    .allSatisfy(count -> assertThat(count).isBetween(1, 3));
            repeatedRuns += journal.size() > 6 ? 1 : 0;
        }
        // A suite's runs go one at a time, so each stop finds at most one run going. Its tests whose
        // attempts were not yet written (the one interrupted, and any the recorder had not flushed)
        // run again; no other run repeats anything.
        assertThat(repeatedRuns).as("runs that repeated a test: at most the one going at the kill and the one at the stop")
                .isLessThanOrEqualTo(2);
        assertThat(last.get("/suites/JournalSuite/runs?limit=500").json().get("runs")).hasSize(20);
    }

    /** The tests the dead daemon had recorded, read straight from its database. */
    private Set<String> recordedTests(long number) {
        try (Database database = Database.open(dataDir)) {
            Set<String> tests = new HashSet<>();
            new JdbcRunStore(database.dataSource()).tests(new RunId("JournalSuite", number)).forEach(t -> tests.add(t.test()));
            return tests;
        }
    }

    private record Daemon(Process process, URI url) {}

    private Daemon serve(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.handoff.daemon.cli.HandoffCommand", "serve",
                "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(),
                "--suites", Path.of("target", "test-classes").toAbsolutePath().toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        daemons.add(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = output.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        Thread.ofVirtual().start(() -> drain(output));
                        return URI.create(matcher.group(1));
                    }
                }
                throw new AssertionError("the daemon ended without listening:\n" + seen);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        try {
            return new Daemon(process, url.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not start: " + e.getMessage(), e);
        }
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // keeps the child from blocking on a full pipe
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.get("tests").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }
}
