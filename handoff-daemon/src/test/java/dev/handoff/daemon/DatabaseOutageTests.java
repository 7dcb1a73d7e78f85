package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.JournalSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away in the middle of a run and comes back: daemons of this JVM reach it through
 * a {@link TcpProxy} that the test cuts (every connection closed, new ones refused) and restores.
 * Meanwhile the run's tests go on; afterwards the run ends as if nothing happened, with every test
 * once, and the suite's next run follows. While the database is away {@code /ready} says so and a
 * cancel is refused with 503 rather than accepted and lost.
 */
class DatabaseOutageTests {

    private static final List<String> TESTS = List.of("first", "second", "third", "fourth", "fifth", "sixth");

    @TempDir
    Path work;

    private TcpProxy proxy;
    private String url;
    private final List<Handoff> replicas = new ArrayList<>();
    private final List<Daemons> apis = new ArrayList<>();

    @BeforeEach
    void proxyToPostgres() {
        String direct = PostgresServer.shared().newDatabase();
        int port = Integer.parseInt(direct.replaceAll(".*://127\\.0\\.0\\.1:(\\d+)/.*", "$1"));
        proxy = TcpProxy.to(port);
        url = direct.replace(":" + port + "/", ":" + proxy.port() + "/");
    }

    @AfterEach
    void stop() {
        proxy.restore();
        replicas.forEach(Handoff::close);
        proxy.close();
    }

    @Test
    void aFiveSecondOutageEndingBeforeTheRunEndsLeavesItComplete() throws Exception {
        start(1);

        outageInTheMiddleOfARun(Duration.ofSeconds(5), 1_000);
    }

    @Test
    void aMinuteLongOutageEndingAfterTheRunWouldHaveEndedLeavesItComplete() throws Exception {
        start(1);

        outageInTheMiddleOfARun(Duration.ofSeconds(60), 300);
    }

    @Test
    void aFiveSecondOutageWithTwoReplicasLeavesTheRunCompleteOnTheReplicaRunningIt() throws Exception {
        start(2);

        outageInTheMiddleOfARun(Duration.ofSeconds(5), 1_000);
    }

    @Test
    void aMinuteLongOutageWithTwoReplicasLeavesTheRunCompleteOnTheReplicaRunningIt() throws Exception {
        start(2);

        outageInTheMiddleOfARun(Duration.ofSeconds(60), 300);
    }

    /**
     * Cuts the database once the run's first test finished, for {@code outage}; the run's six tests
     * take {@code sleepMillis} each. Checks what every replica says meanwhile, and the run and the
     * suite's next run afterwards.
     */
    private void outageInTheMiddleOfARun(Duration outage, long sleepMillis) throws Exception {
        Daemons api = apis.get(0);
        Path journal = work.resolve("journal.txt");
        long number = trigger(api, journal, sleepMillis);
        long next = trigger(api, work.resolve("next.txt"), 10);
        awaitJournal(journal, "second");

        proxy.cut();
        Instant cut = Instant.now();

        // Each replica at once: a request that needs the database takes up to the pool's timeout (10 s) to fail.
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (Daemons replica : apis) {
            checks.add(CompletableFuture.runAsync(() -> duringTheOutage(replica, number, outage)));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get();
        // On a busy machine the checks may outlast a short outage, which then lasts as long as they did.
        Duration left = outage.minus(Duration.between(cut, Instant.now()));
        if (left.isPositive()) {
            Schedules.pause(left);
        }
        proxy.restore();

        JsonNode run = awaitFinished(api, number);
        assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
        List<String> names = new ArrayList<>();
        run.get("tests").forEach(test -> {
            names.add(test.get("name").asText());
            assertThat(test.get("attempts").asInt()).as(test.toString()).isEqualTo(1);
        });
        assertThat(names).containsExactlyInAnyOrderElementsOf(TESTS);
        Map<String, Integer> executions = new HashMap<>();
        Files.readAllLines(journal).forEach(name -> executions.merge(name, 1, Integer::sum));
        assertThat(executions).as("each test ran once").containsOnlyKeys(TESTS).containsValues(1);
        assertThat(executions.values()).containsOnly(1);
        assertThat(awaitFinished(api, next).get("result").asText()).isEqualTo("passed");
        for (Daemons replica : apis) {
            awaitReady(replica, 200);
        }
    }

    /**
     * {@code /ready} says the database is away; in a long outage, a cancel is refused with 503
     * (the request itself waits for a connection up to the pool's timeout first).
     */
    private static void duringTheOutage(Daemons replica, long number, Duration outage) {
        Daemons.Response ready = awaitReady(replica, 503);
        assertThat(ready.json().get("reason").asText()).isEqualTo("the database is unreachable");
        if (outage.compareTo(Duration.ofSeconds(30)) >= 0) {
            Daemons.Response cancel = replica.post("/suites/JournalSuite/runs/" + number + "/cancel");
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(503);
            assertThat(cancel.contentType()).startsWith("application/problem+json");
            assertThat(cancel.json().get("detail").asText()).contains("database");
        }
    }

    private void start(int count) {
        for (int i = 0; i < count; i++) {
            Handoff replica = Daemons.started(Daemons.local(work.resolve("data-" + i), JournalSuite.class)
                    .database(url, PostgresServer.USER, "")
                    .shutdownGrace(Duration.ofMillis(200)));
            replicas.add(replica);
            apis.add(new Daemons(replica.url()));
        }
    }

    private static long trigger(Daemons api, Path journal, long sleepMillis) {
        Daemons.Response created = api.postJson(
                "/suites/JournalSuite/runs",
                "{\"parameters\":{\"journal\":\"" + journal.toString().replace("\\", "\\\\") + "\",\"sleepMillis\":\""
                        + sleepMillis + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("number").asLong();
    }

    private static void awaitJournal(Path journal, String test) throws Exception {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (!Files.exists(journal) || !Files.readAllLines(journal).contains(test)) {
            assertThat(Instant.now()).as("'%s' started in time", test).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static JsonNode awaitFinished(Daemons api, long number) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode run = api.run("JournalSuite", number);
            if (!run.get("result").asText().matches("pending|running")) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run %d finished in time: %s", number, run)
                    .isBefore(deadline);
            Schedules.pause(Duration.ofMillis(100));
        }
    }

    /** Polls {@code /ready} until it answers {@code status}. */
    private static Daemons.Response awaitReady(Daemons api, int status) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            Daemons.Response response = api.get("/ready");
            if (response.status() == status) {
                return response;
            }
            assertThat(Instant.now())
                    .as("/ready answers %d in time; last: %s", status, response.body())
                    .isBefore(deadline);
            Schedules.pause(Duration.ofMillis(100));
        }
    }
}
