package dev.handoff.daemon.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.JdbcRunStore;
import dev.handoff.daemon.store.RunStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the writer groups a run's attempts into transactions, on a real H2 file: few transactions
 * for attempts that finish close together, none larger than a batch, and an attempt on its own
 * stored without anyone asking, so a run in progress shows its tests.
 */
class AttemptWriterTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private Database database;
    private RunStore store;
    /** The size of each {@code recordAttempts} or {@code recordProgress} call, in order. */
    private final List<Integer> transactions = new CopyOnWriteArrayList<>();

    private RunId run;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        store = counting(new JdbcRunStore(database.dataSource()));
        run = store.create("Checkout", RunRequest.of("tester"), "", NOW).run().id();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAttemptOnItsOwnIsStoredWithoutAFlush() throws InterruptedException {
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            writer.add(attempt(1));

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (store.tests(run).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.tests(run)).hasSize(1);
            assertThat(transactions).containsExactly(1);
        }
    }

    @Test
    void startedTestsAreWrittenAsRunningAFewTimesAtMostAndClearedOnceTheyEnd() throws InterruptedException {
        assertThat(store.claim(run, NOW)).isTrue();
        List<RunningTest> running = new CopyOnWriteArrayList<>(List.of(new RunningTest("slow", 2, NOW)));
        try (AttemptWriter writer = new AttemptWriter(run, store, () -> List.copyOf(running))) {
            for (int i = 0; i < 1_000; i++) {
                writer.testStarted();
            }

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (store.detail(run).orElseThrow().running().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.detail(run).orElseThrow().running()).containsExactly(new RunningTest("slow", 2, NOW));
            assertThat(transactions)
                    .as("a thousand starts, one mark in the queue at a time")
                    .hasSizeLessThanOrEqualTo(5);

            running.clear();
            writer.add(attempt(1));
            writer.flush();
            assertThat(store.detail(run).orElseThrow().running()).isEmpty();
            assertThat(store.tests(run)).hasSize(1);
        }
    }

    @Test
    void attemptsFinishingWithinTheLingerShareTransactions() throws InterruptedException {
        int attempts = 40;
        long start = System.nanoTime();
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= attempts; i++) {
                writer.add(attempt(i));
                Thread.sleep(5);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(store.tests(run)).hasSize(attempts);
        assertThat(transactions.stream().mapToInt(Integer::intValue).sum()).isEqualTo(attempts);
        // One transaction per linger that passed while adding, plus the one of the closing flush:
        // written one by one, as they came, they would have taken 40.
        long lingers = took.toMillis() / AttemptWriter.LINGER.toMillis();
        assertThat((long) transactions.size()).isLessThanOrEqualTo(lingers + 2).isLessThan(attempts);
    }

    @Test
    void aFlushStoresEverythingAddedBeforeItAtOnce() {
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= 30; i++) {
                writer.add(attempt(i));
            }
            writer.flush();

            assertThat(store.tests(run)).hasSize(30);
            assertThat(transactions).containsExactly(30);
        }
    }

    @Test
    void noTransactionHoldsMoreThanABatch() {
        int attempts = AttemptWriter.BATCH * 2 + 7;
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= attempts; i++) {
                writer.add(attempt(i));
            }
        }

        assertThat(store.tests(run)).hasSize(attempts);
        assertThat(transactions).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(AttemptWriter.BATCH));
        assertThat(transactions.stream().mapToInt(Integer::intValue).sum()).isEqualTo(attempts);
    }

    private static Attempt attempt(int test) {
        return new Attempt(
                "test" + test,
                1,
                1,
                AttemptResult.PASSED,
                false,
                false,
                NOW,
                NOW.plusMillis(1),
                Optional.empty(),
                "",
                List.of(),
                Map.of());
    }

    /** The store, noting the size of every batch of attempts written to it. */
    private RunStore counting(RunStore real) {
        return (RunStore) Proxy.newProxyInstance(
                RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("recordAttempts")
                            || method.getName().equals("recordProgress")) {
                        transactions.add(((List<?>) args[1]).size());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
