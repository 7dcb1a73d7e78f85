package dev.handoff.daemon.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * What Quartz runs at a schedule's fire: hands it to the daemon's {@link ScheduleService}. One
 * fire of a schedule at a time, so that its no-pile-up check and its counts never race.
 */
@DisallowConcurrentExecution
record ScheduleJob(ScheduleService service) implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        service.recordLateness(context.getScheduledFireTime(), context.getFireTime());
        service.fire(context.getJobDetail().getKey().getName(), context.getNextFireTime() == null);
    }
}
