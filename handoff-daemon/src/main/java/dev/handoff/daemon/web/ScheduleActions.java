package dev.handoff.daemon.web;

import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleStatus;
import java.util.List;

/** What the API does to schedules; the daemon's {@code ScheduleService} does it. */
public interface ScheduleActions {

    List<ScheduleStatus> list();

    ScheduleStatus find(String name);

    /** @return whether it was created rather than replaced */
    boolean put(ScheduleDefinition definition);

    void delete(String name);

    ScheduleStatus pause(String name);

    ScheduleStatus resume(String name);
}
