package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Invocation;
import dev.handoff.daemon.model.Invocations;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.Span;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestOutcome;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestRunOutcome;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.store.RunReads.RunQuery;
import dev.handoff.daemon.store.RunStore.Created;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract, on H2; {@link PostgresJdbcRunStoreTests} runs the same tests on PostgreSQL. */
class JdbcRunStoreTests {

    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30.123456789Z");

    @TempDir
    Path dataDir;

    private Database database;
    private JdbcRunStore store;

    @BeforeEach
    void open() {
        database = openDatabase();
        store = new JdbcRunStore(database.dataSource());
    }

    /** The database under test, the same one at every call of a test: an H2 file in the data dir here. */
    Database openDatabase() {
        return Database.open(dataDir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    // --- creating runs

    @Test
    void runsAreNumberedPerSuite() {
        assertThat(List.of(create("Checkout"), create("Checkout"), create("Search"), create("Checkout")))
                .extracting(SuiteRun::id)
                .containsExactly(
                        new RunId("Checkout", 1),
                        new RunId("Checkout", 2),
                        new RunId("Search", 1),
                        new RunId("Checkout", 3));
    }

    @Test
    void aCreatedRunIsPendingAndKeepsItsRequest() {
        RunRequest request = new RunRequest(
                Optional.of("login.*"),
                Optional.of("abc123"),
                "alice",
                Map.of("region", "eu", "users", "3"),
                Optional.of("key-1"));

        SuiteRun run = store.create("Checkout", request, "staging", NOW).run();

        assertThat(store.find(run.id())).contains(run);
        assertThat(run.result()).isEqualTo(RunResult.PENDING);
        assertThat(run.request()).isEqualTo(request);
        assertThat(run.environment()).isEqualTo("staging");
        assertThat(run.execution()).isZero();
        assertThat(run.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW.truncatedTo(ChronoUnit.MILLIS));
        assertThat(run.startedAt()).isEmpty();
        assertThat(run.finishedAt()).isEmpty();
        assertThat(run.failure()).isEmpty();
        assertThat(run.counts()).isEqualTo(TestCounts.NONE);
    }

    @Test
    void concurrentCreatesGetEveryNumberOnce() throws Exception {
        List<Created> created = concurrently(50, () -> store.create("Checkout", RunRequest.of("cli"), "", NOW));

        assertThat(created)
                .extracting(c -> c.run().id().number())
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void concurrentCreatesWithOneKeyCreateOneRun() throws Exception {
        List<Created> created = concurrently(50, () -> store.create("Checkout", keyed("deploy-42"), "", NOW));

        assertThat(created).filteredOn(Created::created).hasSize(1);
        assertThat(created).extracting(c -> c.run().id()).containsOnly(new RunId("Checkout", 1));
        assertThat(store.runs("Checkout", page(100))).hasSize(1);
    }

    @Test
    void aKeyGivesTheSameRunWithinTheWindow() {
        SuiteRun first = store.create("Checkout", keyed("k"), "", NOW).run();

        Created again = store.create("Checkout", keyed("k"), "", NOW.plus(Duration.ofHours(71)));

        assertThat(again.created()).isFalse();
        assertThat(again.run()).isEqualTo(first);
    }

    @Test
    void aKeyOlderThanTheWindowGivesANewRun() {
        store.create("Checkout", keyed("k"), "", NOW);

        Created later = store.create("Checkout", keyed("k"), "", NOW.plus(RunStore.IDEMPOTENCY_WINDOW));
        Created again = store.create("Checkout", keyed("k"), "", NOW.plus(Duration.ofHours(73)));

        assertThat(later.created()).isTrue();
        assertThat(later.run().id()).isEqualTo(new RunId("Checkout", 2));
        assertThat(again.created()).isFalse();
        assertThat(again.run().id()).isEqualTo(later.run().id());
        assertThat(store.find(new RunId("Checkout", 1)).orElseThrow().request().idempotencyKey())
                .isEmpty();
    }

    @Test
    void aKeyOfAnotherSuiteIsIndependent() {
        store.create("Checkout", keyed("k"), "", NOW);

        Created search = store.create("Search", keyed("k"), "", NOW);

        assertThat(search.created()).isTrue();
        assertThat(search.run().id()).isEqualTo(new RunId("Search", 1));
    }

    // --- attempts

    @Test
    void recordingAnAttemptTwiceStoresItOnce() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        Attempt first = attempt("login", 1, AttemptResult.RETRYING);

        store.recordAttempts(run, List.of(first));
        // A batch that meets a duplicate is stored again without it: the new attempt is kept, and counted once.
        store.recordAttempts(run, List.of(first, attempt("login", 2, AttemptResult.PASSED), first));

        assertThat(store.attempts(run, "login"))
                .extracting(Attempt::number, Attempt::result)
                .containsExactly(tuple(1, AttemptResult.RETRYING), tuple(2, AttemptResult.PASSED));
        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(new TestCounts(1, 0, 0, 0, 1));
        store.finish(run, RunResult.FLAKY, NOW.plusSeconds(5), Optional.empty());
        assertThat(new StabilityStore(database.dataSource()).testOutcomes("Checkout", "login", 50))
                .extracting(TestRunOutcome::result, TestRunOutcome::attempts)
                .containsExactly(tuple(AttemptResult.PASSED, 2));
    }

    @Test
    void aTestNameOfTheLongestLengthInThreeByteCharactersIsStoredOnceLikeAnyOther() {
        RunId run = create("Checkout").id();
        // Random ideographs (three bytes each in UTF-8) that no index compression shrinks: 6,000 bytes.
        String name = new java.util.Random(7)
                .ints(2_000, 0x4e00, 0x9fff)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        Attempt first = attempt(name, 1, AttemptResult.PASSED);

        store.recordAttempts(run, List.of(first));
        store.recordAttempts(run, List.of(first));

        assertThat(store.attempts(run, name))
                .extracting(Attempt::test, Attempt::number)
                .containsExactly(tuple(name, 1));
        // Its outcome too, which is keyed by the name's SHA-256 as the attempt is.
        store.claim(run, NOW);
        store.finish(run, RunResult.PASSED, NOW.plusSeconds(5), Optional.empty());
        assertThat(new StabilityStore(database.dataSource()).testOutcomes("Checkout", name, 50))
                .extracting(TestRunOutcome::runNumber, TestRunOutcome::result)
                .containsExactly(tuple(1L, AttemptResult.PASSED));
    }

    @Test
    void testOutcomesFollowTheStoredAttemptsAndShowOnceTheRunFinished() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        StabilityStore stability = new StabilityStore(database.dataSource());

        store.recordProgress(
                run,
                List.of(
                        attempt("pays", 1, AttemptResult.RETRYING),
                        attempt("refunds", 1, AttemptResult.FAILED),
                        attempt("exports", 1, AttemptResult.PASSED)),
                List.of());
        store.recordAttempts(
                run, List.of(attempt("pays", 2, AttemptResult.PASSED), attempt("exports", 2, AttemptResult.SKIPPED)));

        // Not while the run runs: the stability comes from finished runs.
        assertThat(stability.suiteOutcomes("Checkout", 50)).isEmpty();
        assertThat(stability.testOutcomes("Checkout", "pays", 50)).isEmpty();

        store.finish(run, RunResult.FAILED, NOW.plusSeconds(9), Optional.empty());

        // Each test's latest attempt when it ends the test; "exports" ended skipped, so it has none.
        Map<String, List<TestRunOutcome>> outcomes = stability.suiteOutcomes("Checkout", 50);
        assertThat(outcomes).containsOnlyKeys("pays", "refunds");
        assertThat(outcomes.get("pays"))
                .extracting(TestRunOutcome::result, TestRunOutcome::attempts)
                .containsExactly(tuple(AttemptResult.PASSED, 2));
        assertThat(outcomes.get("refunds"))
                .extracting(TestRunOutcome::result, TestRunOutcome::failureMessage)
                .containsExactly(tuple(AttemptResult.FAILED, Optional.of("failed 1")));

        // A retry of the run: hidden again while it runs, then its new attempt replaces the test's outcome.
        store.retry(run, NOW.plusSeconds(10));
        store.claim(run, NOW.plusSeconds(10));
        assertThat(stability.suiteOutcomes("Checkout", 50)).isEmpty();
        store.recordAttempts(run, List.of(attempt("refunds", 2, AttemptResult.PASSED)));
        store.finish(run, RunResult.PASSED, NOW.plusSeconds(12), Optional.empty());

        assertThat(stability.testOutcomes("Checkout", "refunds", 50))
                .extracting(TestRunOutcome::result, TestRunOutcome::attempts)
                .containsExactly(tuple(AttemptResult.PASSED, 2));
        assertThat(stability.suiteOutcomes("Checkout", 50)).containsOnlyKeys("pays", "refunds");
    }

    @Test
    void oneTestsOutcomesReadFromItsAttemptsAreTheSuitesRowsOfThatTest() {
        String longMessage = "m".repeat(2_500);
        Attempt quarantined = new Attempt(
                "quarantined",
                1,
                1,
                AttemptResult.SOFT_FAILED,
                true,
                false,
                NOW,
                NOW.plusSeconds(1),
                Optional.of(new Failure("down", "trace")),
                "",
                List.of(),
                Map.of(dev.handoff.daemon.model.Quarantine.VALUE_KEY, "SANDBOX-7"));
        Attempt failedLong = new Attempt(
                "long",
                1,
                1,
                AttemptResult.FAILED,
                false,
                false,
                NOW,
                NOW.plusSeconds(1),
                Optional.of(new Failure(longMessage, "trace")),
                "",
                List.of(),
                Map.of());
        for (int i = 0; i < 3; i++) {
            RunId run = create("Checkout").id();
            store.claim(run, NOW);
            store.recordProgress(
                    run,
                    List.of(
                            attempt("retried", 1, AttemptResult.RETRYING),
                            attempt("passes", 1, AttemptResult.PASSED),
                            attempt("skipped", 1, AttemptResult.SKIPPED),
                            quarantined,
                            failedLong),
                    List.of());
            store.recordAttempts(
                    run, List.of(attempt("retried", 2, i == 1 ? AttemptResult.FAILED : AttemptResult.PASSED)));
            store.finish(run, RunResult.FAILED, NOW.plusSeconds(9), Optional.empty());
        }
        // The second run retried: its failed tests run again, and their new attempts replace their outcomes.
        RunId retried = new RunId("Checkout", 2);
        store.retry(retried, NOW.plusSeconds(10));
        store.claim(retried, NOW.plusSeconds(10));
        store.recordAttempts(
                retried,
                List.of(attempt("retried", 3, AttemptResult.PASSED), attempt("long", 2, AttemptResult.SKIPPED)));
        store.finish(retried, RunResult.PASSED, NOW.plusSeconds(12), Optional.empty());
        // A run under way is left out of both.
        RunId running = create("Checkout").id();
        store.claim(running, NOW);
        store.recordAttempts(running, List.of(attempt("passes", 1, AttemptResult.FAILED)));
        StabilityStore stability = new StabilityStore(database.dataSource());

        Map<String, List<TestRunOutcome>> suite = stability.suiteOutcomes("Checkout", 50);

        assertThat(suite).containsOnlyKeys("retried", "passes", "quarantined", "long");
        for (String test : List.of("retried", "passes", "quarantined", "long", "skipped")) {
            assertThat(stability.testOutcomes("Checkout", test, 50))
                    .as(test)
                    .isEqualTo(suite.getOrDefault(test, List.of()));
        }
        assertThat(suite.get("retried"))
                .extracting(TestRunOutcome::runNumber, TestRunOutcome::result, TestRunOutcome::attempts)
                .containsExactly(
                        tuple(3L, AttemptResult.PASSED, 2),
                        tuple(2L, AttemptResult.PASSED, 3),
                        tuple(1L, AttemptResult.PASSED, 2));
        assertThat(suite.get("long")).extracting(TestRunOutcome::runNumber).containsExactly(3L, 1L);
        assertThat(suite.get("long").getFirst().failureMessage()).hasValue("m".repeat(2_000));
        assertThat(suite.get("quarantined"))
                .allSatisfy(outcome -> assertThat(outcome.quarantined()).isTrue());
        assertThat(suite.get("passes"))
                .allSatisfy(outcome -> assertThat(outcome.quarantined()).isFalse());
        // The window: the newest finished runs only.
        assertThat(stability.testOutcomes("Checkout", "retried", 2))
                .extracting(TestRunOutcome::runNumber)
                .containsExactly(3L, 2L);
    }

    @Test
    void aFinishedRunWhoseOutcomesWereNotFollowedGetsThemAllAtItsFinish() throws Exception {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(
                run, List.of(attempt("pays", 1, AttemptResult.PASSED), attempt("refunds", 1, AttemptResult.FAILED)));
        // As a run whose attempts an earlier version stored: no outcome rows yet.
        try (java.sql.Connection connection = database.dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from test_outcome");
        }

        store.finish(run, RunResult.FAILED, NOW.plusSeconds(5), Optional.empty());

        assertThat(new StabilityStore(database.dataSource()).suiteOutcomes("Checkout", 50))
                .containsOnlyKeys("pays", "refunds");
    }

    @Test
    void aFailedWriteSaysWhyWithoutQuotingTheStatementAndItsValues() {
        RunId run = create("Checkout").id();
        String tooLong = "x".repeat(2_001);

        assertThatThrownBy(() -> store.recordAttempts(run, List.of(attempt(tooLong, 1, AttemptResult.PASSED))))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot record attempts of run Checkout #1: ")
                .satisfies(e -> assertThat(e.getMessage())
                        .containsIgnoringCase("too long")
                        .doesNotContainIgnoringCase("insert into")
                        .doesNotContain("\n"));
    }

    @Test
    void concurrentRecordingOfTheSameAttemptsStoresThemOnce() throws Exception {
        RunId run = create("Checkout").id();
        List<Attempt> attempts = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> attempt("test" + i, 1, AttemptResult.PASSED))
                .toList();

        concurrently(8, () -> {
            store.recordAttempts(run, attempts);
            return null;
        });

        assertThat(store.progress(run).attemptCounts())
                .hasSize(20)
                .allSatisfy((test, count) -> assertThat(count).isOne());
    }

    @Test
    void anAttemptKeepsItsLogSpansValuesAndFailure() {
        RunId run = create("Checkout").id();
        Span span = new Span("1", Optional.empty(), "open cart", NOW, NOW.plusMillis(40), Map.of("items", "2"));
        Span child = new Span("2", Optional.of("1"), "pay", NOW.plusMillis(5), NOW.plusMillis(30), Map.of());
        Attempt attempt = new Attempt(
                "Cart/pays",
                1,
                3,
                AttemptResult.SOFT_FAILED,
                true,
                false,
                NOW,
                NOW.plusSeconds(2),
                Optional.of(new Failure("expected 200", "AssertionError\n\tat x")),
                "2025-03-10T09:15:30Z log paying\n",
                List.of(span, child),
                Map.of("order", "o-17"));

        store.recordAttempts(run, List.of(attempt));

        Attempt stored = store.attempts(run, "Cart/pays").getFirst();
        assertThat(stored)
                .usingRecursiveComparison()
                .ignoringFields("startedAt", "finishedAt")
                .isEqualTo(attempt);
        assertThat(stored.startedAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void anAttemptKeepsItsInvocationsAndTheRunsTestListTheirCounts() {
        RunId run = create("Checkout").id();
        Invocation a = new Invocation(
                "[1] value=a",
                AttemptResult.PASSED,
                NOW,
                NOW.plusMillis(10),
                Optional.empty(),
                "2025-03-10T09:15:30Z stdout value a\n");
        Invocation b = new Invocation(
                "[2] value=b",
                AttemptResult.FAILED,
                NOW.plusMillis(10),
                NOW.plusMillis(30),
                Optional.of("b is bad"),
                "2025-03-10T09:15:30Z stdout value b\n");
        Attempt attempt = new Attempt(
                "values",
                1,
                1,
                AttemptResult.FAILED,
                false,
                false,
                NOW,
                NOW.plusSeconds(1),
                Optional.of(new Failure("[2] value=b: b is bad", "AssertionError")),
                a.log() + b.log(),
                List.of(),
                Map.of(),
                Invocations.of(List.of(a, b)));

        store.recordAttempts(run, List.of(attempt));

        Attempt stored = store.attempts(run, "values").getFirst();
        assertThat(stored.invocations().list())
                .usingRecursiveComparison()
                .ignoringFields("startedAt", "finishedAt")
                .isEqualTo(List.of(a, b));
        assertThat(stored.invocations().describe()).isEqualTo("2 invocations, 1 failed: [2] value=b");
        assertThat(store.detail(run).orElseThrow().tests().getFirst().latest().invocations())
                .satisfies(counts -> {
                    assertThat(counts.describe()).isEqualTo("2 invocations, 1 failed: [2] value=b");
                    assertThat(counts.list()).isEmpty();
                });
    }

    @Test
    void aLogOfAMegabyteRoundTripsAndIsStoredCompressed() throws SQLException {
        RunId run = create("Checkout").id();
        String log = "2025-03-10T09:15:30Z stdout GET /cart 200 in 12 ms\n".repeat(20_000);
        assertThat(log.length()).isGreaterThan(1_000_000);

        store.recordAttempts(run, List.of(attempt("login", 1, AttemptResult.PASSED, log)));

        assertThat(store.attempts(run, "login").getFirst().log()).isEqualTo(log);
        assertThat(queryLong("select octet_length(log) from attempt")).isLessThan(log.length() / 50);
    }

    @Test
    void nulInATestsOutputIsStoredAsTheSymbolForNullInTextAndAsItIsInLogsSpansAndValues() {
        RunId run = create("Checkout").id();
        Span span =
                new Span("1", Optional.empty(), "call\u0000api", NOW, NOW.plusMillis(1), Map.of("body", "x\u0000y"));
        Attempt attempt = new Attempt(
                "orders[\u0000]",
                1,
                1,
                AttemptResult.FAILED,
                false,
                false,
                NOW,
                NOW.plusMillis(5),
                Optional.of(new Failure("expected a\u0000b", "AssertionError: a\u0000b\n\tat Checkout")),
                "line with \u0000 in it\n",
                List.of(span),
                Map.of("order\u0000id", "42\u00007"));

        store.recordAttempts(run, List.of(attempt, attempt("passes", 1, AttemptResult.PASSED)));
        store.finish(run, RunResult.FAILED, NOW, Optional.of(Failure.reason("setup said \u0000")));

        assertThat(store.tests(run)).extracting(TestSummary::test).containsExactly("orders[\u2400]", "passes");
        Attempt stored = store.attempts(run, "orders[\u0000]").getFirst();
        assertThat(stored.test()).isEqualTo("orders[\u2400]");
        assertThat(stored.failure())
                .contains(new Failure("expected a\u2400b", "AssertionError: a\u2400b\n\tat Checkout"));
        assertThat(stored.log()).isEqualTo("line with \u0000 in it\n");
        assertThat(stored.spans()).containsExactly(span);
        assertThat(stored.values()).containsExactly(Map.entry("order\u0000id", "42\u00007"));
        assertThat(store.find(run).orElseThrow().failure().orElseThrow().message())
                .isEqualTo("setup said \u2400");
    }

    @Test
    void attemptsOfAnUnknownRunCannotBeRecorded() {
        assertThatThrownBy(() ->
                        store.recordAttempts(new RunId("Checkout", 9), List.of(attempt("a", 1, AttemptResult.PASSED))))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot record attempts of run Checkout #9: there is no such run");
    }

    @Test
    void thousandCallsOfTenAttemptsAreAllRecorded() {
        RunId run = create("Checkout").id();
        long start = System.nanoTime();

        for (int call = 0; call < 1_000; call++) {
            int base = call;
            store.recordAttempts(
                    run,
                    IntStream.range(0, 10)
                            .mapToObj(i -> attempt("test" + base + "-" + i, 1, AttemptResult.PASSED, "line\n"))
                            .toList());
        }

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("JdbcRunStoreTests: 1000 recordAttempts calls of 10 attempts took %d ms%n", took.toMillis());
        assertThat(store.progress(run).attemptCounts()).hasSize(10_000);
    }

    // --- tests and progress

    @Test
    void detailShowsEveryTestsLatestAttemptInTheOrderTestsFirstFinished() {
        RunId run = create("Checkout").id();
        store.recordAttempts(
                run, List.of(attempt("search", 1, AttemptResult.FAILED), attempt("login", 1, AttemptResult.RETRYING)));
        store.recordAttempts(
                run, List.of(attempt("login", 2, AttemptResult.PASSED), attempt("cart", 1, AttemptResult.SOFT_FAILED)));
        store.appendSetupLog(run, "setup\n");

        RunDetail detail = store.detail(run).orElseThrow();

        assertThat(detail.tests())
                .extracting(TestSummary::test, t -> t.latest().number(), TestSummary::attempts, TestSummary::flaky)
                .containsExactly(tuple("search", 1, 1, false), tuple("login", 2, 2, true), tuple("cart", 1, 1, false));
        assertThat(detail.setupLog()).isEqualTo("setup\n");
        assertThat(detail.run().id()).isEqualTo(run);
    }

    @Test
    void aTestThatFailedLastIsNotFlaky() {
        RunId run = create("Checkout").id();
        store.recordAttempts(
                run, List.of(attempt("login", 1, AttemptResult.RETRYING), attempt("login", 2, AttemptResult.FAILED)));

        assertThat(store.tests(run)).singleElement().satisfies(test -> {
            assertThat(test.flaky()).isFalse();
            assertThat(test.latest().result()).isEqualTo(AttemptResult.FAILED);
        });
    }

    @Test
    void testsLeaveOutLogsSpansAndValues() {
        RunId run = create("Checkout").id();
        Span span = new Span("1", Optional.empty(), "step", NOW, NOW.plusMillis(1), Map.of());
        store.recordAttempts(
                run,
                List.of(new Attempt(
                        "login",
                        1,
                        1,
                        AttemptResult.FAILED,
                        false,
                        false,
                        NOW,
                        NOW,
                        Optional.of(new Failure("boom", "trace")),
                        "log\n",
                        List.of(span),
                        Map.of("k", "v"))));

        Attempt latest = store.tests(run).getFirst().latest();

        assertThat(latest.log()).isEmpty();
        assertThat(latest.spans()).isEmpty();
        assertThat(latest.values()).isEmpty();
        assertThat(latest.failure()).contains(new Failure("boom", "trace"));
    }

    @Test
    void progressSettlesOnlyFinalAttemptsOfTheCurrentExecution() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(
                run,
                List.of(
                        attempt("login", 1, AttemptResult.PASSED),
                        attempt("cart", 1, AttemptResult.RETRYING),
                        attempt("cart", 2, AttemptResult.FAILED)));
        assertThat(store.progress(run).settled()).containsExactlyInAnyOrder("login", "cart");
        store.finish(run, RunResult.FAILED, NOW, Optional.empty());

        store.retry(run, NOW);
        RunStore.Progress retried = store.progress(run);
        store.recordAttempts(run, List.of(attempt("cart", 3, AttemptResult.PASSED)));
        RunStore.Progress after = store.progress(run);

        assertThat(retried.settled()).isEmpty();
        assertThat(retried.attemptCounts()).isEqualTo(Map.of("login", 1, "cart", 2));
        assertThat(after.settled()).containsExactly("cart");
        assertThat(after.attemptCounts()).isEqualTo(Map.of("login", 1, "cart", 3));
    }

    // --- a run's life

    @Test
    void claimIsExclusive() throws Exception {
        RunId run = create("Checkout").id();

        List<Boolean> claims = concurrently(2, () -> store.claim(run, NOW));

        assertThat(claims).containsExactlyInAnyOrder(true, false);
        SuiteRun claimed = store.find(run).orElseThrow();
        assertThat(claimed.result()).isEqualTo(RunResult.RUNNING);
        assertThat(claimed.startedAt()).contains(NOW.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void finishStoresResultFailureAndCountsFromTheLatestAttempts() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(
                run,
                List.of(
                        attempt("a", 1, AttemptResult.RETRYING),
                        attempt("a", 2, AttemptResult.PASSED),
                        attempt("b", 1, AttemptResult.FAILED),
                        attempt("c", 1, AttemptResult.SOFT_FAILED),
                        attempt("d", 1, AttemptResult.SKIPPED),
                        attempt("e", 1, AttemptResult.PASSED)));
        Failure teardown = new Failure("teardown failed", "trace");

        boolean finished = store.finish(run, RunResult.FAILED, NOW.plusSeconds(5), Optional.of(teardown));

        SuiteRun stored = store.find(run).orElseThrow();
        assertThat(finished).isTrue();
        assertThat(stored.result()).isEqualTo(RunResult.FAILED);
        assertThat(stored.finishedAt()).contains(NOW.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
        assertThat(stored.failure()).contains(teardown);
        assertThat(stored.counts()).isEqualTo(new TestCounts(2, 1, 1, 1, 1));
    }

    @Test
    void aRunningRunsCountsFollowEachBatchAsACountFromScratchWould() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(
                run,
                List.of(
                        attempt("a", 1, AttemptResult.RETRYING),
                        attempt("b", 1, AttemptResult.FAILED),
                        attempt("c", 1, AttemptResult.PASSED)));
        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(new TestCounts(1, 2, 0, 0, 0));

        // A retry that passes, an attempt delivered again and a new test, in one batch.
        store.recordProgress(
                run,
                List.of(
                        attempt("a", 2, AttemptResult.PASSED),
                        attempt("c", 1, AttemptResult.PASSED),
                        attempt("d", 1, AttemptResult.SKIPPED)),
                List.of());
        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(new TestCounts(2, 1, 0, 1, 1));

        // A retry in a batch of its own, and the attempt before it delivered again.
        store.recordAttempts(run, List.of(attempt("b", 1, AttemptResult.RETRYING)));
        store.recordAttempts(run, List.of(attempt("e", 1, AttemptResult.RETRYING)));
        store.recordAttempts(run, List.of(attempt("e", 2, AttemptResult.SOFT_FAILED)));
        TestCounts whileRunning = store.find(run).orElseThrow().counts();
        assertThat(whileRunning).isEqualTo(new TestCounts(2, 1, 1, 1, 1));

        store.finish(run, RunResult.FAILED, NOW.plusSeconds(5), Optional.empty());
        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(whileRunning);
    }

    @Test
    void aRetriedRunCountsItsEarlierAttemptsWhenClaimedAndItsNewOnesAfter() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(
                run, List.of(attempt("a", 1, AttemptResult.FAILED), attempt("b", 1, AttemptResult.PASSED)));
        store.finish(run, RunResult.FAILED, NOW.plusSeconds(5), Optional.empty());
        store.retry(run, NOW.plusSeconds(10));

        store.claim(run, NOW.plusSeconds(11));
        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(new TestCounts(1, 1, 0, 0, 0));
        store.recordAttempts(run, List.of(attempt("a", 2, AttemptResult.PASSED)));

        assertThat(store.find(run).orElseThrow().counts()).isEqualTo(new TestCounts(2, 0, 0, 0, 1));
    }

    @Test
    void finishingTwiceLeavesTheFirstEnd() {
        RunId run = create("Checkout").id();
        store.finish(run, RunResult.PASSED, NOW, Optional.empty());

        boolean again = store.finish(run, RunResult.CANCELLED, NOW.plusSeconds(1), Optional.of(Failure.reason("x")));

        SuiteRun stored = store.find(run).orElseThrow();
        assertThat(again).isFalse();
        assertThat(stored.result()).isEqualTo(RunResult.PASSED);
        assertThat(stored.failure()).isEmpty();
    }

    @Test
    void retryMakesAFinishedRunPendingForItsNextExecution() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);
        store.recordAttempts(run, List.of(attempt("a", 1, AttemptResult.FAILED)));
        store.finish(run, RunResult.FAILED, NOW.plusSeconds(5), Optional.of(Failure.reason("setup failed")));

        boolean retried = store.retry(run, NOW.plusSeconds(10));

        SuiteRun stored = store.find(run).orElseThrow();
        assertThat(retried).isTrue();
        assertThat(stored.execution()).isEqualTo(1);
        assertThat(stored.result()).isEqualTo(RunResult.PENDING);
        assertThat(stored.finishedAt()).isEmpty();
        assertThat(stored.failure()).isEmpty();
        assertThat(stored.counts()).isEqualTo(TestCounts.NONE);
        assertThat(stored.startedAt()).contains(NOW.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void anUnfinishedRunCannotBeRetried() {
        RunId run = create("Checkout").id();
        store.claim(run, NOW);

        assertThat(store.retry(run, NOW)).isFalse();
        assertThat(store.find(run).orElseThrow().execution()).isZero();
    }

    @Test
    void requeuePutsRunningRunsBackToPendingWithTheirStart() {
        RunId running = create("Checkout").id();
        RunId pending = create("Checkout").id();
        store.claim(running, NOW);

        int requeued = store.requeue();

        assertThat(requeued).isEqualTo(1);
        assertThat(store.pending(10)).extracting(SuiteRun::id).containsExactly(running);
        assertThat(store.find(pending).orElseThrow().result()).isEqualTo(RunResult.PENDING);
        assertThat(store.find(running).orElseThrow().startedAt()).contains(NOW.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void pendingGivesTheOldestRunOfEachSuiteOldestFirst() {
        RunId first = create("Checkout").id();
        RunId search = create("Search").id();
        create("Checkout");
        RunId other = create("Payments").id();

        assertThat(store.pending(2)).extracting(SuiteRun::id).containsExactly(first, search);
        assertThat(store.pending(10)).extracting(SuiteRun::id).containsExactly(first, search, other);
    }

    /** Runs of one suite go one after another, also when another daemon of a cluster runs the suite's run. */
    @Test
    void pendingLeavesOutSuitesWithARunningRun() {
        RunId first = create("Checkout").id();
        RunId claimed = create("Search").id();
        create("Search");
        RunId other = create("Payments").id();
        store.claim(claimed, NOW);

        assertThat(store.pending(10)).extracting(SuiteRun::id).containsExactly(first, other);

        store.finish(claimed, RunResult.PASSED, NOW, Optional.empty());

        assertThat(store.pending(10)).extracting(SuiteRun::id).containsExactly(first, new RunId("Search", 2), other);
    }

    @Test
    void longQueueOfOneSuiteDoesNotHideAnotherSuitesRun() {
        for (int i = 0; i < 60; i++) {
            create("Checkout");
        }
        RunId other = create("Search").id();

        assertThat(store.pending(2)).extracting(SuiteRun::id).contains(other);
    }

    /** {@code @HandoffSuite(concurrentRuns = 2)}: its running runs on any daemon take places, the rest queue. */
    @Test
    void pendingGivesASuiteAsManyRunsAsItsConcurrentRunsLeavePlaceFor() {
        RunId first = create("Checkout").id();
        RunId second = create("Checkout").id();
        RunId third = create("Checkout").id();
        RunId serial = create("Search").id();
        create("Search");
        Map<String, Integer> concurrentRuns = Map.of("Checkout", 2);

        assertThat(store.pending(10, concurrentRuns)).extracting(SuiteRun::id).containsExactly(first, second, serial);

        new JdbcRunStore(database.dataSource(), "another-replica").claim(first, NOW);

        assertThat(store.pending(10, concurrentRuns)).extracting(SuiteRun::id).containsExactly(second, serial);

        store.claim(second, NOW);

        assertThat(store.pending(10, concurrentRuns)).extracting(SuiteRun::id).containsExactly(serial);

        store.finish(first, RunResult.PASSED, NOW, Optional.empty());

        assertThat(store.pending(10, concurrentRuns)).extracting(SuiteRun::id).containsExactly(third, serial);
    }

    @Test
    void appendSetupLogAddsToTheLog() {
        RunId run = create("Checkout").id();

        store.appendSetupLog(run, "before all\n");
        store.appendSetupLog(run, "after all\n");

        assertThat(store.detail(run).orElseThrow().setupLog()).isEqualTo("before all\nafter all\n");
    }

    // --- lists of runs

    @Test
    void runsArePagedNewestFirst() {
        IntStream.range(0, 5).forEach(i -> create("Checkout"));
        create("Search");

        assertThat(numbers(store.runs("Checkout", page(2)))).containsExactly(5L, 4L);
        assertThat(numbers(store.runs(
                        "Checkout", new RunQuery(2, OptionalLong.of(4), Optional.empty(), Optional.empty()))))
                .containsExactly(3L, 2L);
        assertThat(numbers(store.runs(
                        "Checkout", new RunQuery(10, OptionalLong.of(2), Optional.empty(), Optional.empty()))))
                .containsExactly(1L);
    }

    @Test
    void runsAreFilteredByResultAndRef() {
        for (int i = 1; i <= 6; i++) {
            RunRequest request = new RunRequest(
                    Optional.empty(), Optional.of(i % 2 == 0 ? "v2" : "v1"), "ci", Map.of(), Optional.empty());
            RunId run = store.create("Checkout", request, "", NOW).run().id();
            store.finish(run, i % 3 == 0 ? RunResult.FAILED : RunResult.PASSED, NOW, Optional.empty());
        }
        Optional<RunResult> failed = Optional.of(RunResult.FAILED);

        assertThat(numbers(store.runs("Checkout", new RunQuery(10, OptionalLong.empty(), failed, Optional.empty()))))
                .containsExactly(6L, 3L);
        assertThat(numbers(store.runs(
                        "Checkout", new RunQuery(10, OptionalLong.empty(), Optional.empty(), Optional.of("v2")))))
                .containsExactly(6L, 4L, 2L);
        assertThat(numbers(store.runs("Checkout", new RunQuery(10, OptionalLong.of(6), failed, Optional.of("v1")))))
                .containsExactly(3L);
    }

    @Test
    void latestRunsGivesEachSuitesNewestRun() {
        create("Checkout");
        create("Checkout");
        create("Search");

        Map<String, SuiteRun> latest = store.latestRuns(List.of("Checkout", "Search", "Empty"));

        assertThat(latest).containsOnlyKeys("Checkout", "Search");
        assertThat(latest.get("Checkout").id()).isEqualTo(new RunId("Checkout", 2));
        assertThat(latest.get("Search").id()).isEqualTo(new RunId("Search", 1));
    }

    @Test
    void recentRunsGivesEachSuitesNewestRunsNewestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            create("Checkout");
        }
        create("Search");

        Map<String, List<SuiteRun>> recent = store.recentRuns(List.of("Checkout", "Search", "Empty"), 3);

        assertThat(recent).containsOnlyKeys("Checkout", "Search");
        assertThat(numbers(recent.get("Checkout"))).containsExactly(5L, 4L, 3L);
        assertThat(numbers(recent.get("Search"))).containsExactly(1L);
        assertThat(store.recentRuns(List.of("Checkout"), 0)).isEmpty();
    }

    @Test
    void testHistoryGivesTheTestsLatestAttemptInEachOfTheNewestRunsThatRanIt() {
        RunId first = create("Checkout").id();
        store.recordAttempts(
                first, List.of(attempt("a", 1, AttemptResult.RETRYING), attempt("a", 2, AttemptResult.PASSED)));
        RunId second = create("Checkout").id();
        store.recordAttempts(second, List.of(attempt("b", 1, AttemptResult.PASSED)));
        RunId third = create("Checkout").id();
        store.recordAttempts(third, List.of(attempt("a", 1, AttemptResult.FAILED)));

        TestOutcomes read = store.testHistory("Checkout", "a", 50);
        List<TestOutcome> history = read.outcomes();
        assertThat(read.runsLookedAt())
                .as("the suite has 3 runs, fewer than the 50 asked for")
                .isEqualTo(3);

        assertThat(history).extracting(TestOutcome::run).containsExactly(third, first);
        assertThat(history).extracting(TestOutcome::result).containsExactly(AttemptResult.FAILED, AttemptResult.PASSED);
        assertThat(history).extracting(TestOutcome::attempts).containsExactly(1, 2);
        assertThat(history.getLast().duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(store.testHistory("Checkout", "a", 1).outcomes())
                .extracting(TestOutcome::run)
                .containsExactly(third);
        assertThat(store.testHistory("Checkout", "a", 1).runsLookedAt()).isEqualTo(1);
        assertThat(store.testHistory("Checkout", "nope", 50).outcomes()).isEmpty();
    }

    // --- retention

    @Test
    void deleteFinishedBeforeDeletesInBatchesAndSparesUnfinishedAndNewerRuns() throws SQLException {
        Instant cutoff = NOW.plus(Duration.ofDays(30));
        List<RunId> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RunId run = store.create("Checkout", RunRequest.of("ci"), "", NOW.plusSeconds(i))
                    .run()
                    .id();
            store.recordAttempts(run, List.of(attempt("a", 1, AttemptResult.PASSED)));
            store.finish(run, RunResult.PASSED, NOW, Optional.empty());
            old.add(run);
        }
        RunId oldPending =
                store.create("Checkout", RunRequest.of("ci"), "", NOW).run().id();
        RunId recent =
                store.create("Checkout", RunRequest.of("ci"), "", cutoff).run().id();
        store.finish(recent, RunResult.PASSED, cutoff, Optional.empty());

        List<Integer> deleted = List.of(
                store.deleteFinishedBefore(cutoff, 2),
                store.deleteFinishedBefore(cutoff, 2),
                store.deleteFinishedBefore(cutoff, 2),
                store.deleteFinishedBefore(cutoff, 2));

        assertThat(deleted).containsExactly(2, 2, 1, 0);
        assertThat(store.runs("Checkout", page(10))).extracting(SuiteRun::id).containsExactly(recent, oldPending);
        assertThat(queryLong("select count(*) from attempt")).isZero();
    }

    // --- the database

    @Test
    void runsSurviveClosingAndReopeningTheDatabase() {
        RunId run = create("Checkout").id();
        store.recordAttempts(run, List.of(attempt("login", 1, AttemptResult.PASSED)));
        database.close();

        database = openDatabase();
        store = new JdbcRunStore(database.dataSource());

        assertThat(store.tests(run)).extracting(TestSummary::test).containsExactly("login");
        assertThat(create("Checkout").id().number()).isEqualTo(2);
    }

    @Test
    void isReachableWhileOpenAndNotAfterClosing() {
        assertThat(database.isReachable()).isTrue();

        database.close();

        assertThat(database.isReachable()).isFalse();
    }

    @Test
    void aDatabaseInUseByAnotherProcessIsRefusedNamingTheDataDir() throws Exception {
        Path shared = Files.createDirectories(dataDir.resolve("shared"));
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DatabaseHolder.class.getName(),
                        shared.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(awaitLine(output, DatabaseHolder.OPEN))
                    .as("the other process opened the database")
                    .isTrue();

            assertThatThrownBy(() -> Database.open(shared))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(shared.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another process");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(20, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void aCorruptDatabaseFileIsRefusedNamingTheDataDir() throws Exception {
        Path corrupt = Files.createDirectories(dataDir.resolve("corrupt"));
        Files.write(
                corrupt.resolve("handoff.mv.db"),
                "not a database, just text".repeat(1_000).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Database.open(corrupt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot open the database in the data dir " + corrupt.toAbsolutePath())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    // --- bulk history

    @Test
    void bulkLoaderAddsFinishedHistoryAfterTheSuitesRuns() {
        create("Checkout");

        new BulkLoader(database.dataSource()).insertHistory("Checkout", 1_200, 3, NOW);

        assertThat(numbers(store.runs("Checkout", page(2)))).containsExactly(1_201L, 1_200L);
        SuiteRun tenth = store.find(new RunId("Checkout", 10)).orElseThrow();
        assertThat(tenth.result()).isEqualTo(RunResult.FAILED);
        assertThat(tenth.counts()).isEqualTo(new TestCounts(2, 1, 0, 0, 0));
        assertThat(store.tests(tenth.id())).extracting(TestSummary::test).containsExactly("test0", "test1", "test2");
        assertThat(create("Checkout").id().number()).isEqualTo(1_202);
    }

    // --- helpers

    private SuiteRun create(String suite) {
        return store.create(suite, RunRequest.of("tester"), "staging", NOW).run();
    }

    private static RunRequest keyed(String key) {
        return new RunRequest(Optional.empty(), Optional.empty(), "ci", Map.of(), Optional.of(key));
    }

    private static RunQuery page(int limit) {
        return new RunQuery(limit, OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    private static List<Long> numbers(List<SuiteRun> runs) {
        return runs.stream().map(run -> run.id().number()).toList();
    }

    private static Attempt attempt(String test, int number, AttemptResult result) {
        return attempt(test, number, result, "");
    }

    private static Attempt attempt(String test, int number, AttemptResult result, String log) {
        Optional<Failure> failure =
                result.isFailure() ? Optional.of(new Failure("failed " + number, "trace")) : Optional.empty();
        return new Attempt(
                test,
                number,
                3,
                result,
                result == AttemptResult.SOFT_FAILED,
                false,
                NOW.plusSeconds(number),
                NOW.plusSeconds(number + 1),
                failure,
                log,
                List.of(),
                Map.of());
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Runs the call on that many threads at once and gives their results. */
    private static <T> List<T> concurrently(int threads, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    private static boolean awaitLine(BufferedReader output, String expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String line;
        while (Instant.now().isBefore(deadline) && (line = output.readLine()) != null) {
            if (line.equals(expected)) {
                return true;
            }
            System.out.println("database holder: " + line);
        }
        return false;
    }
}
