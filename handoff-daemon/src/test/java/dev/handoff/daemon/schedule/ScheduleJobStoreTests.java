package dev.handoff.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.Trigger.CompletedExecutionInstruction;

/** Which fires {@link ScheduleJobStore} ends without Quartz's trigger lock: only those whose end is one row's delete. */
class ScheduleJobStoreTests {

    @Test
    void fireOfAScheduleJobThatFiresAgainEndsWithoutTheLock() {
        assertThat(ScheduleJobStore.onlyEndsTheFire(job(ScheduleJob.class), CompletedExecutionInstruction.NOOP))
                .isTrue();
    }

    @Test
    void lastFireOfATriggerTakesQuartzsLockedPath() {
        assertThat(ScheduleJobStore.onlyEndsTheFire(
                        job(ScheduleJob.class), CompletedExecutionInstruction.DELETE_TRIGGER))
                .isFalse();
        assertThat(ScheduleJobStore.onlyEndsTheFire(
                        job(ScheduleJob.class), CompletedExecutionInstruction.SET_TRIGGER_COMPLETE))
                .isFalse();
    }

    @Test
    void jobsThatQuartzBlocksOrWhoseDataItKeepsTakeQuartzsLockedPath() {
        assertThat(ScheduleJobStore.onlyEndsTheFire(job(OneAtATime.class), CompletedExecutionInstruction.NOOP))
                .isFalse();
        assertThat(ScheduleJobStore.onlyEndsTheFire(job(KeepsData.class), CompletedExecutionInstruction.NOOP))
                .isFalse();
    }

    private static JobDetail job(Class<? extends Job> type) {
        return JobBuilder.newJob(type).withIdentity("beat").build();
    }

    @DisallowConcurrentExecution
    static final class OneAtATime implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    @PersistJobDataAfterExecution
    static final class KeepsData implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }
}
