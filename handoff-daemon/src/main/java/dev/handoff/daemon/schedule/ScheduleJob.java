package dev.handoff.daemon.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * What Quartz runs at a schedule's fire: hands it to {@link ScheduleFiring}.
 *
 * <p>Not {@code @DisallowConcurrentExecution}, on purpose: with it, Quartz blocks the schedule's
 * trigger at each fire and unblocks it after (five more statements under its trigger lock per
 * fire), and each unblocking signals its scheduler thread, which then gives back the triggers it
 * had acquired ahead and acquires them again. With a hundred schedules every second that churn
 * delayed fires by up to a second. {@link ScheduleFiring} makes fires of one schedule take turns
 * instead.
 */
record ScheduleJob(ScheduleFiring firing) implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        firing.fire(
                context.getJobDetail().getKey().getName(),
                context.getScheduledFireTime().toInstant(),
                context.getNextFireTime() == null);
    }
}
