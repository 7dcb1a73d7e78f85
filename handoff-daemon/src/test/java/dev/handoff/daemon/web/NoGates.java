package dev.handoff.daemon.web;

import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.UnknownGateException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** For API tests on fakes: a daemon with no gates, where none can be made (gates are tested on a real daemon). */
final class NoGates implements GateActions {

    static final GateActions INSTANCE = new NoGates();

    private NoGates() {}

    @Override
    public Created create(GateRequest request) {
        throw new InvalidParameterException("suites", "the API's fixture makes no gates");
    }

    @Override
    public GateStatus await(long id, Duration wait) {
        throw new UnknownGateException(id);
    }

    @Override
    public List<GateStatus> list(int limit, OptionalLong before) {
        return List.of();
    }
}
