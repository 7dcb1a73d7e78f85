package dev.handoff.daemon.web;

import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.UnknownScheduleException;
import java.util.List;

/** For API tests on fakes: a daemon with no schedules, where none can be made. */
final class NoSchedules implements ScheduleActions {

    static final ScheduleActions INSTANCE = new NoSchedules();

    private NoSchedules() {}

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
        throw new UnsupportedOperationException("the API tests on fakes have no scheduler");
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
}
