package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.ScheduleStore.Fire;
import dev.handoff.daemon.store.ScheduleStore.Fired;
import dev.handoff.daemon.store.ScheduleStore.RunPlan;
import dev.handoff.daemon.store.ScheduleStore.RunToStart;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule's fire is one transaction ({@link ScheduleStore#fire}): claimed, run or skipped, and
 * recorded together, or not at all. On H2; {@link PostgresScheduleFireTransactionTests} runs the
 * same tests on PostgreSQL.
 */
class ScheduleFireTransactionTests {

    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");
    private static final Instant DUE = NOW.plusSeconds(1);

    @TempDir
    Path dataDir;

    private Database database;
    private final AtomicInteger commits = new AtomicInteger();
    private ScheduleStore schedules;
    private JdbcRunStore runs;

    @BeforeEach
    void open() {
        database = openDatabase();
        schedules = new ScheduleStore(countingCommits(database.dataSource()));
        runs = new JdbcRunStore(database.dataSource());
    }

    /** The database under test: an H2 file in the data dir here. */
    Database openDatabase() {
        return Database.open(dataDir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void fireStartsARunAndRecordsItInOneCommit() {
        put("beat", 0);
        commits.set(0);

        Fired fired = schedules.fire(fire("beat", DUE), plan(10));

        assertThat(commits).as("commits").hasValue(1);
        assertThat(fired.kind()).isEqualTo(Fired.Kind.HANDLED);
        assertThat(fired.outcome()).contains(ScheduleFire.Outcome.RUN);
        assertThat(fired.run()).hasValue(1);
        ScheduleFire recorded = schedules.recentFires("beat").getFirst();
        assertThat(recorded.outcome()).isEqualTo(ScheduleFire.Outcome.RUN);
        assertThat(recorded.run()).hasValue(1);
        assertThat(recorded.scheduledAt()).isEqualTo(DUE);
        StoredSchedule beat = schedules.find("beat").orElseThrow();
        assertThat(beat.runCount()).isEqualTo(1);
        assertThat(beat.lastRun()).hasValue(1);
        assertThat(runs.find(new RunId("Suite", 1)).orElseThrow().request().initiatedBy())
                .isEqualTo("schedule:beat");
    }

    @Test
    void fireHandedOutTwiceIsHandledOnce() {
        put("beat", 0);
        schedules.fire(fire("beat", DUE), plan(10));

        Fired again = schedules.fire(fire("beat", DUE), plan(10));

        assertThat(again.kind()).isEqualTo(Fired.Kind.DUPLICATE);
        assertThat(runs.find(new RunId("Suite", 2))).isEmpty();
        assertThat(schedules.recentFires("beat")).hasSize(1);
    }

    @Test
    void fireClaimedByTwoDaemonsAtOnceIsHandledOnce() throws Exception {
        put("beat", 0);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Fired> claim = () -> {
            start.await();
            return schedules.fire(fire("beat", DUE), plan(10));
        };
        ExecutorService daemons = Executors.newFixedThreadPool(4);
        try {
            List<Future<Fired>> fired =
                    List.of(daemons.submit(claim), daemons.submit(claim), daemons.submit(claim), daemons.submit(claim));
            start.countDown();
            List<Fired.Kind> kinds = fired.stream()
                    .map(future -> {
                        try {
                            return future.get().kind();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();

            assertThat(kinds)
                    .containsOnlyOnce(Fired.Kind.HANDLED)
                    .containsOnly(Fired.Kind.HANDLED, Fired.Kind.DUPLICATE);
            assertThat(runs.find(new RunId("Suite", 1))).isPresent();
            assertThat(runs.find(new RunId("Suite", 2))).isEmpty();
        } finally {
            daemons.shutdownNow();
        }
    }

    @Test
    void fireWhoseHandlingFailsLeavesNothingBehind() {
        put("beat", 0);
        RunPlan broken = definition -> {
            throw new IllegalStateException("the catalog broke");
        };

        assertThatThrownBy(() -> schedules.fire(fire("beat", DUE), broken)).hasMessageContaining("catalog broke");

        assertThat(schedules.recentFires("beat")).as("no claim left").isEmpty();
        assertThat(schedules.find("beat").orElseThrow().runCount()).isZero();
        assertThat(schedules.fire(fire("beat", DUE), plan(10)).kind())
                .as("the fire can still be handled")
                .isEqualTo(Fired.Kind.HANDLED);
    }

    @Test
    void fireWhileTheLastRunIsPendingIsSkipped() {
        put("beat", 0);
        schedules.fire(fire("beat", DUE), plan(10));

        Fired second = schedules.fire(fire("beat", DUE.plusSeconds(1)), plan(10));

        assertThat(second.outcome()).contains(ScheduleFire.Outcome.SKIPPED);
        assertThat(second.problem()).isEmpty();
        assertThat(schedules.find("beat").orElseThrow().skippedFires()).isEqualTo(1);
        assertThat(runs.find(new RunId("Suite", 1)).orElseThrow().result()).isEqualTo(RunResult.PENDING);
        assertThat(runs.find(new RunId("Suite", 2))).isEmpty();
    }

    @Test
    void fireOverThePendingLimitIsSkippedWithoutTakingARunNumber() {
        put("beat", 0);
        runs.create("Suite", request("someone"), "env", NOW);

        Fired fired = schedules.fire(fire("beat", DUE), plan(1));

        assertThat(fired.outcome()).contains(ScheduleFire.Outcome.SKIPPED);
        assertThat(fired.problem())
                .hasValueSatisfying(problem -> assertThat(problem).contains("pending"));
        assertThat(schedules.recentFires("beat").getFirst().outcome()).isEqualTo(ScheduleFire.Outcome.SKIPPED);
        assertThat(runs.create("Suite", request("someone"), "env", NOW)
                        .run()
                        .id()
                        .number())
                .as("the next run's number")
                .isEqualTo(2);
    }

    @Test
    void fireOfAGoneSuiteFailsAndIsRecorded() {
        put("beat", 0);

        Fired fired = schedules.fire(fire("beat", DUE), definition -> {
            throw new UnknownSuiteException(definition.suite(), List.of("OtherSuite"));
        });

        assertThat(fired.outcome()).contains(ScheduleFire.Outcome.FAILED);
        assertThat(fired.problem()).isPresent();
        assertThat(schedules.recentFires("beat").getFirst().outcome()).isEqualTo(ScheduleFire.Outcome.FAILED);
    }

    @Test
    void fireThatReachesMaxRunsRetiresTheSchedule() {
        put("twice", 2);
        assertThat(schedules.fire(fire("twice", DUE), plan(10)).retired()).isFalse();
        runs.claim(new RunId("Suite", 1), NOW);

        Fired second = schedules.fire(fire("twice", DUE.plusSeconds(1)), plan(10));

        assertThat(second.outcome()).contains(ScheduleFire.Outcome.RUN);
        assertThat(second.retired()).isTrue();
        assertThat(schedules.find("twice").orElseThrow().completed()).isTrue();
        assertThat(schedules.fire(fire("twice", DUE.plusSeconds(2)), plan(10)).kind())
                .isEqualTo(Fired.Kind.GONE);
    }

    @Test
    void lastFireRetiresTheSchedule() {
        put("until", 0);

        Fired fired = schedules.fire(new Fire("until", DUE, DUE, "replica-1", true), plan(10));

        assertThat(fired.retired()).isTrue();
        assertThat(schedules.find("until").orElseThrow().completed()).isTrue();
    }

    @Test
    void fireOfADeletedScheduleIsGone() {
        put("beat", 0);
        schedules.delete("beat");

        assertThat(schedules.fire(fire("beat", DUE), plan(10)).kind()).isEqualTo(Fired.Kind.GONE);
    }

    private void put(String name, int maxRuns) {
        schedules.put(StoredSchedule.fresh(
                new ScheduleDefinition(
                        name,
                        "Suite",
                        Optional.empty(),
                        Optional.of("1s"),
                        Optional.empty(),
                        maxRuns,
                        Optional.empty(),
                        false),
                NOW));
    }

    private static Fire fire(String name, Instant due) {
        return new Fire(name, due, due.plusMillis(3), "replica-1", false);
    }

    private static RunPlan plan(int maxPending) {
        return definition ->
                new RunToStart(definition.suite(), request("schedule:" + definition.name()), "env", NOW, maxPending);
    }

    private static RunRequest request(String initiatedBy) {
        return new RunRequest(
                Optional.empty(), Optional.empty(), initiatedBy, Map.of(), Optional.empty(), Optional.empty());
    }

    /** The data source, with every commit on its connections counted. */
    private DataSource countingCommits(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(
                                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                                    if (m.getName().equals("commit")) {
                                        commits.incrementAndGet();
                                    }
                                    return invoke(connection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
