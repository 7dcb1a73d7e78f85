package dev.handoff.daemon.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.StoreUnavailableException;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.JdbcRunStore;
import dev.handoff.daemon.store.RunStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the writer groups a run's attempts into transactions, on a real H2 file: an attempt that
 * finds the writer idle is written at once, the attempts that finish meanwhile go together in the
 * next transaction, none larger than a batch; and what it does while the database is unreachable.
 */
class AttemptWriterTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private Database database;
    private RunStore store;
    /** The size of each {@code recordAttempts} or {@code recordProgress} call that stored, in order. */
    private final List<Integer> transactions = new CopyOnWriteArrayList<>();
    /** Whether the store answers as a database that cannot be reached. */
    private volatile boolean unreachable;
    /** How often it answered so. */
    private final AtomicInteger refusals = new AtomicInteger();
    /** Run before each write reaches the store. */
    private volatile Runnable beforeWrite = () -> {};

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
    void attemptsFinishingDuringAWriteGoTogetherInTheNextTransaction() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        beforeWrite = () -> {
            writing.countDown();
            await(release);
        };
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            writer.add(attempt(1));
            assertThat(writing.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 30; i++) {
                writer.add(attempt(i));
            }
            release.countDown();
        }

        assertThat(transactions).containsExactly(1, 29);
        assertThat(store.tests(run)).hasSize(30);
    }

    @Test
    void attemptsFinishedWhileTheDatabaseIsUnreachableAreStoredWhenItIsBack() throws InterruptedException {
        unreachable = true;
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= 20; i++) {
                writer.add(attempt(i));
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (refusals.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(refusals.get()).as("tries while unreachable").isGreaterThanOrEqualTo(3);

            unreachable = false;
            writer.flush();

            assertThat(store.tests(run)).hasSize(20);
            assertThat(writer.failure()).isEmpty();
        }
    }

    @Test
    void beyondTheBoundTheNextAttemptWaitsForTheDatabaseInsteadOfBeingLost() throws Exception {
        unreachable = true;
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= AttemptWriter.MAX_UNSTORED; i++) {
                writer.add(attempt(i));
            }
            CompletableFuture<Void> oneMore =
                    CompletableFuture.runAsync(() -> writer.add(attempt(AttemptWriter.MAX_UNSTORED + 1)));
            Thread.sleep(300);
            assertThat(oneMore).as("the attempt over the bound waits").isNotDone();

            unreachable = false;
            oneMore.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(store.tests(run)).hasSize(AttemptWriter.MAX_UNSTORED + 1);
    }

    @Test
    void anAttemptTheDatabaseRefusesIsReportedAndNotTriedForever() {
        try (AttemptWriter writer = new AttemptWriter(new RunId("Checkout", 99), store)) {
            writer.add(attempt(1));
            writer.flush();

            assertThat(writer.failure())
                    .hasValueSatisfying(failure -> assertThat(failure.message())
                            .startsWith("could not store the attempts of test1: ")
                            .contains("there is no such run"));
        }
    }

    @Test
    void anAbandonedWriterStopsWaitingForTheDatabase() {
        unreachable = true;
        AttemptWriter writer = new AttemptWriter(run, store);
        writer.add(attempt(1));

        writer.abandon();
        writer.close();

        unreachable = false;
        assertThat(store.tests(run)).isEmpty();
    }

    @Test
    void aFlushReturnsOnceEverythingAddedBeforeItIsStored() {
        try (AttemptWriter writer = new AttemptWriter(run, store)) {
            for (int i = 1; i <= 30; i++) {
                writer.add(attempt(i));
            }
            writer.flush();

            assertThat(store.tests(run)).hasSize(30);
            assertThat(transactions.stream().mapToInt(Integer::intValue).sum()).isEqualTo(30);
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

    /** The store, noting the size of every batch of attempts written to it; unreachable while told so. */
    private RunStore counting(RunStore real) {
        return (RunStore) Proxy.newProxyInstance(
                RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                    boolean write = method.getName().equals("recordAttempts")
                            || method.getName().equals("recordProgress");
                    if (write) {
                        beforeWrite.run();
                        if (unreachable) {
                            refusals.incrementAndGet();
                            throw new StoreUnavailableException(
                                    "cannot record the progress of run " + args[0] + ": the database is unreachable",
                                    new SQLTransientConnectionException("Connection refused"));
                        }
                    }
                    try {
                        Object result = method.invoke(real, args);
                        if (write) {
                            transactions.add(((List<?>) args[1]).size());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
