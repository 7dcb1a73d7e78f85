package dev.handoff.daemon.schedule;

import java.sql.SQLException;
import org.apiguardian.api.API;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's JDBC job store (JobStoreTX), except that the end of an ordinary fire does not take the
 * job store's {@code TRIGGER_ACCESS} lock.
 *
 * <p>Quartz ends every fire with a transaction under that lock, which on a clustered store is one
 * row of {@code QRTZ_LOCKS} selected {@code for update}: the lock that every replica also takes to
 * acquire due triggers and to mark them fired. For a job like {@link ScheduleJob} (concurrent
 * execution allowed, no job data kept) whose trigger fires again, that transaction only deletes the
 * fire's own {@code QRTZ_FIRED_TRIGGERS} row, by its unique entry id: no other row is read or
 * written, so the lock guards nothing. Under it, a hundred fires a second on three replicas queued
 * behind each other's acquisitions and fires came late or were missed; without it a fire's end is
 * a one-row delete. Every other case (a trigger's last fire, a disallowed concurrent execution,
 * kept job data, an instruction to delete or complete triggers) goes through Quartz's own locked
 * path unchanged.
 *
 * <p>Public only because Quartz makes its job store by class name ({@code org.quartz.jobStore.class}).
 */
@API(status = API.Status.INTERNAL)
public class ScheduleJobStore extends JobStoreTX {

    @Override
    public void triggeredJobComplete(
            OperableTrigger trigger, JobDetail jobDetail, CompletedExecutionInstruction instruction) {
        if (!onlyEndsTheFire(jobDetail, instruction)) {
            super.triggeredJobComplete(trigger, jobDetail, instruction);
            return;
        }
        // As Quartz's own path: retried until the database takes it (a row left behind would make
        // a restart recover a fire that was handled).
        retryExecuteInNonManagedTXLock(null, connection -> {
            try {
                getDelegate().deleteFiredTrigger(connection, trigger.getFireInstanceId());
                return null;
            } catch (SQLException e) {
                throw new JobPersistenceException("Couldn't delete fired trigger: " + e.getMessage(), e);
            }
        });
    }

    /** Whether Quartz's completion would do nothing but delete the fire's row. */
    static boolean onlyEndsTheFire(JobDetail jobDetail, CompletedExecutionInstruction instruction) {
        return instruction == CompletedExecutionInstruction.NOOP
                && !jobDetail.isConcurrentExecutionDisallowed()
                && !jobDetail.isPersistJobDataAfterExecution();
    }
}
