package dev.handoff.daemon.store;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.PendingLimitException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.ScheduleStore.Fire;
import dev.handoff.daemon.store.ScheduleStore.Fired;
import dev.handoff.daemon.store.ScheduleStore.RunPlan;
import dev.handoff.daemon.store.ScheduleStore.RunToStart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One fire of a schedule on the caller's transaction: claim it, start a run or skip, record what it
 * did, retire the schedule when it is done. One commit per fire, where claiming, creating the run
 * and recording were three.
 *
 * <p>The schedule's row is locked first ({@code for update}): fires of one schedule then take
 * turns in the database, also on different replicas, so the rule that at most one of its runs
 * waits holds exactly, and a fire Quartz hands out twice finds the first one's claim.
 */
final class FireHandling {

    private FireHandling() {}

    static Fired handle(Connection connection, Fire fire, RunPlan plan) throws SQLException {
        Optional<StoredSchedule> found = lockSchedule(connection, fire.name());
        if (found.isEmpty() || found.get().completed()) {
            return Fired.GONE;
        }
        StoredSchedule schedule = found.get();
        if (!ScheduleFireRows.claim(connection, fire.name(), fire.scheduledAt(), fire.firedAt(), fire.replica())) {
            return Fired.DUPLICATE;
        }
        ScheduleFire.Outcome outcome;
        OptionalLong run = OptionalLong.empty();
        Optional<String> problem = Optional.empty();
        if (lastRunPending(connection, schedule)) {
            outcome = ScheduleFire.Outcome.SKIPPED;
        } else {
            try {
                run = OptionalLong.of(createRun(connection, plan.plan(schedule.definition())));
                outcome = ScheduleFire.Outcome.RUN;
            } catch (UnknownSuiteException | InvalidParameterException e) {
                outcome = ScheduleFire.Outcome.FAILED;
                problem = Optional.of(e.getMessage());
            } catch (PendingLimitException e) {
                outcome = ScheduleFire.Outcome.SKIPPED;
                problem = Optional.of(e.getMessage());
            }
        }
        int runCount = schedule.runCount() + (outcome == ScheduleFire.Outcome.RUN ? 1 : 0);
        int maxRuns = schedule.definition().maxRuns();
        boolean retired = fire.last() || outcome == ScheduleFire.Outcome.RUN && maxRuns > 0 && runCount >= maxRuns;
        count(connection, fire.name(), outcome, run, retired);
        ScheduleFireRows.settle(connection, fire.name(), fire.scheduledAt(), outcome, run);
        return new Fired(Fired.Kind.HANDLED, Optional.of(outcome), run, retired, problem);
    }

    private static Optional<StoredSchedule> lockSchedule(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + ScheduleStore.COLUMNS + " from schedule where name = ? for update")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(ScheduleStore.read(row)) : Optional.empty();
            }
        }
    }

    private static boolean lastRunPending(Connection connection, StoredSchedule schedule) throws SQLException {
        if (schedule.lastRun().isEmpty()) {
            return false;
        }
        RunId id = new RunId(schedule.definition().suite(), schedule.lastRun().getAsLong());
        SuiteRun last = RunRows.find(connection, List.of(id)).get(id);
        return last != null && last.result() == RunResult.PENDING;
    }

    /**
     * The run's number. A refused run (too many pending) leaves nothing behind: the suite's number
     * it took goes back with the savepoint, while the claim stays.
     */
    private static long createRun(Connection connection, RunToStart start) throws SQLException {
        if (start.request().idempotencyKey().isPresent()) {
            // RunCreation rolls the whole transaction back for a known key, and with it the claim.
            throw new IllegalArgumentException("a scheduled run has no idempotency key");
        }
        Savepoint beforeRun = connection.setSavepoint();
        try {
            long number = RunCreation.create(
                            connection,
                            start.suite(),
                            start.request(),
                            start.environment(),
                            start.createdAt(),
                            start.maxPending())
                    .run()
                    .id()
                    .number();
            connection.releaseSavepoint(beforeRun);
            return number;
        } catch (PendingLimitException e) {
            connection.rollback(beforeRun);
            throw e;
        }
    }

    private static void count(
            Connection connection, String name, ScheduleFire.Outcome outcome, OptionalLong run, boolean retired)
            throws SQLException {
        String counts = switch (outcome) {
            case RUN -> "run_count = run_count + 1, last_run = ?";
            case SKIPPED -> "skipped_fires = skipped_fires + 1";
            default -> "run_count = run_count";
        };
        try (PreparedStatement update =
                connection.prepareStatement("update schedule set " + counts + ", completed = ? where name = ?")) {
            int index = 1;
            if (outcome == ScheduleFire.Outcome.RUN) {
                update.setLong(index++, run.getAsLong());
            }
            update.setBoolean(index++, retired);
            update.setString(index, name);
            update.executeUpdate();
        }
    }
}
