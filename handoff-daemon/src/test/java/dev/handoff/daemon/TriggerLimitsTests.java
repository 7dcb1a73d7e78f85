package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap on pending runs per suite, and idempotency keys under a thousand concurrent triggers. */
class TriggerLimitsTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        if (handoff != null) {
            handoff.close();
        }
    }

    @Test
    void aTriggerBeyondTheSuitesPendingRunsGets429NamingTheLimitButAKnownKeyStillGetsItsRun() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(
                Daemons.local(dataDir, SlowSuite.class).maxConcurrentRuns(1).maxPendingRuns(2));
        Daemons http = new Daemons(handoff.url());
        long first = http.trigger("SlowSuite", "");
        http.await("SlowSuite", first, run -> run.get("result").asText().equals("running"), "running");
        assertThat(http.postWithKey("/suites/SlowSuite/runs", "second").status())
                .isEqualTo(201);
        assertThat(http.post("/suites/SlowSuite/runs").status()).isEqualTo(201);

        Daemons.Response refused = http.post("/suites/SlowSuite/runs");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo(
                        "suite 'SlowSuite' already has 2 pending runs, the most --max-pending-runs allows; wait for some to start or cancel them");
        assertThat(http.postWithKey("/suites/SlowSuite/runs", "second").status())
                .as("the key's run, not a new one")
                .isEqualTo(200);
        assertThat(http.get("/suites/SlowSuite/runs").json().get("runs")).hasSize(3);
        SlowSuite.release.countDown();
        assertThat(http.awaitFinished("SlowSuite", 3).get("result").asText()).isEqualTo("passed");
        assertThat(http.post("/suites/SlowSuite/runs").status())
                .as("room again once runs started")
                .isEqualTo(201);
    }

    @Test
    void aThousandConcurrentTriggersAcrossAHundredKeysGiveExactlyAHundredRuns() throws Exception {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class).maxPendingRuns(1000));
        Daemons http = new Daemons(handoff.url());
        // A thousand connections at once overflow the listen backlog on a loaded machine: the kernel's SYN
        // retries then take seconds, which is patience the test owes, not a refusal by the daemon.
        Http slowPatience = new Http(
                handoff.url(),
                java.net.http.HttpClient.newBuilder()
                        .connectTimeout(java.time.Duration.ofSeconds(60))
                        .build());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, Set<Long>> numbersByKey = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> triggers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 1000; i++) {
                String key = "key-" + (i % 100);
                triggers.add(threads.submit(() -> {
                    go.await();
                    Http.Reply response = slowPatience.post("/suites/PassingSuite/runs", "Idempotency-Key", key);
                    statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (response.status() < 300) {
                        numbersByKey
                                .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                                .add(response.json().get("number").asLong());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> trigger : triggers) {
                trigger.get(2, TimeUnit.MINUTES);
            }
        }

        assertThat(statuses.get(201)).as("created").hasValue(100);
        assertThat(statuses.get(200)).as("replayed").hasValue(900);
        assertThat(statuses.keySet()).containsOnly(200, 201);
        assertThat(numbersByKey)
                .hasSize(100)
                .allSatisfy((key, numbers) -> assertThat(numbers).as(key).hasSize(1));
        Set<Long> numbers = new HashSet<>();
        numbersByKey.values().forEach(numbers::addAll);
        assertThat(numbers).hasSize(100).allSatisfy(number -> assertThat(number).isBetween(1L, 100L));
        JsonNode runs = http.get("/suites/PassingSuite/runs?limit=500").json().get("runs");
        assertThat(runs).hasSize(100);
    }
}
