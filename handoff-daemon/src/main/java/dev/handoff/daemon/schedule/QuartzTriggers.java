package dev.handoff.daemon.schedule;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleDefinition;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.Constants;

/**
 * The schedules' triggers in Quartz, one job and one trigger per schedule, both named after it.
 * Keeps Quartz's checked {@link SchedulerException} out of {@link ScheduleService}: a failing call
 * becomes an {@link IllegalStateException} saying what could not be done to which schedule.
 */
final class QuartzTriggers {

    static final String GROUP = "handoff";

    private final Scheduler scheduler;

    QuartzTriggers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Hands the schedule's trigger to Quartz, replacing any trigger of that name.
     *
     * @param until when it stops firing, already known to be after {@code now}
     * @throws InvalidParameterException naming {@code cron} or {@code until} when it would never fire
     */
    void put(ScheduleDefinition definition, Optional<Instant> until, Instant now) {
        JobDetail job = JobBuilder.newJob(ScheduleJob.class)
                .withIdentity(jobKey(definition.name()))
                .build();
        TriggerBuilder<Trigger> trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(definition.name()))
                .forJob(job);
        until.ifPresent(end -> trigger.endAt(Date.from(end)));
        ScheduleBuilder<? extends Trigger> builder;
        ScheduleChecks.Timing timing = ScheduleChecks.timing(definition);
        if (timing.cron().isPresent()) {
            builder = CronScheduleBuilder.cronSchedule(timing.cron().get())
                    .withMisfireHandlingInstructionFireAndProceed();
            trigger.startAt(Date.from(now));
        } else {
            long interval = timing.interval().orElseThrow().toMillis();
            // Quartz's default for a repeat-forever trigger skips to the next tick after a misfire; fire once now
            // instead.
            builder = SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(interval)
                    .repeatForever()
                    .withMisfireHandlingInstructionNowWithExistingCount();
            trigger.startAt(Date.from(now.plusMillis(interval)));
        }
        Trigger built = trigger.withSchedule(builder).build();
        try {
            scheduler.scheduleJob(job, Set.of(built), true);
        } catch (SchedulerException e) {
            // Quartz refuses a trigger that would never fire, such as a cron expression of a past year.
            if (String.valueOf(e.getMessage()).contains("will never fire")) {
                String field = timing.cron().isPresent() ? "cron" : "until";
                throw new InvalidParameterException(
                        field, "schedule '%s' would never fire: %s".formatted(definition.name(), e.getMessage()));
            }
            throw new IllegalStateException("cannot schedule '" + definition.name() + "': " + e.getMessage(), e);
        }
    }

    /** Removes the schedule's job and trigger, if any. */
    void remove(String name) {
        quartzRun("delete schedule '" + name + "'", () -> scheduler.deleteJob(jobKey(name)));
    }

    boolean exists(String name) {
        return quartz("read schedule '" + name + "'", () -> scheduler.checkExists(triggerKey(name)));
    }

    Optional<Trigger> find(String name) {
        return Optional.ofNullable(
                quartz("read schedule '" + name + "'", () -> scheduler.getTrigger(triggerKey(name))));
    }

    Trigger.TriggerState state(String name) {
        return quartz("read schedule '" + name + "'", () -> scheduler.getTriggerState(triggerKey(name)));
    }

    /**
     * The state of a trigger as Quartz's JDBC job store stored it ({@code TRIGGER_STATE}), as
     * {@link Scheduler#getTriggerState} tells it (JobStoreSupport's own mapping).
     */
    static Trigger.TriggerState state(Optional<String> stored) {
        if (stored.isEmpty()) {
            return Trigger.TriggerState.NONE;
        }
        return switch (stored.get()) {
            case Constants.STATE_DELETED -> Trigger.TriggerState.NONE;
            case Constants.STATE_COMPLETE -> Trigger.TriggerState.COMPLETE;
            case Constants.STATE_PAUSED, Constants.STATE_PAUSED_BLOCKED -> Trigger.TriggerState.PAUSED;
            case Constants.STATE_ERROR -> Trigger.TriggerState.ERROR;
            case Constants.STATE_BLOCKED -> Trigger.TriggerState.BLOCKED;
            default -> Trigger.TriggerState.NORMAL;
        };
    }

    void pause(String name) {
        quartzRun("pause schedule '" + name + "'", () -> scheduler.pauseTrigger(triggerKey(name)));
    }

    void resume(String name) {
        quartzRun("resume schedule '" + name + "'", () -> scheduler.resumeTrigger(triggerKey(name)));
    }

    private static JobKey jobKey(String name) {
        return JobKey.jobKey(name, GROUP);
    }

    private static TriggerKey triggerKey(String name) {
        return TriggerKey.triggerKey(name, GROUP);
    }

    @FunctionalInterface
    private interface QuartzCall<T> {
        T call() throws SchedulerException;
    }

    @FunctionalInterface
    private interface QuartzAction {
        void run() throws SchedulerException;
    }

    private static <T> T quartz(String what, QuartzCall<T> call) {
        try {
            return call.call();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static void quartzRun(String what, QuartzAction action) {
        quartz(what, () -> {
            action.run();
            return null;
        });
    }
}
