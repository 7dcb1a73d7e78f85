package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ScheduleStatus;
import java.util.List;

/**
 * A schedule's page ({@code /schedules/{schedule}}): the schedule, and its recent fires.
 *
 * @param recentFires the latest first
 */
public record ScheduleModel(ScheduleStatus schedule, List<ScheduleFire> recentFires) {}
