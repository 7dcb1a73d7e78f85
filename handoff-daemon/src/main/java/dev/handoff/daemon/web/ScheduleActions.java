package dev.handoff.daemon.web;

import dev.handoff.daemon.schedule.ScheduleDefinition;
import dev.handoff.daemon.schedule.ScheduleStatus;
import dev.handoff.daemon.schedule.UnknownScheduleException;
import java.util.List;

/** What the API does to schedules; the daemon's {@code ScheduleService} does it. */
public interface ScheduleActions {

    /** A daemon without a scheduler (API tests on fakes): no schedules, and none can be made. */
    ScheduleActions NONE = new ScheduleActions() {
        @Override
        public List<ScheduleStatus> list() {
            return List.of();
        }

        @Override
        public ScheduleStatus find(String name) {
            throw new UnknownScheduleException(name);
        }

        @Override
        public boolean put(ScheduleDefinition definition) {
            throw new UnsupportedOperationException("this daemon has no scheduler");
        }

        @Override
        public void delete(String name) {
            throw new UnknownScheduleException(name);
        }

        @Override
        public ScheduleStatus pause(String name) {
            throw new UnknownScheduleException(name);
        }

        @Override
        public ScheduleStatus resume(String name) {
            throw new UnknownScheduleException(name);
        }
    };

    List<ScheduleStatus> list();

    ScheduleStatus find(String name);

    /** @return whether it was created rather than replaced */
    boolean put(ScheduleDefinition definition);

    void delete(String name);

    ScheduleStatus pause(String name);

    ScheduleStatus resume(String name);
}
