package dev.handoff.daemon.web.html;

import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.model.GateStatus;
import java.time.Instant;

/** A gate's page ({@code /gates/{gate}}): its verdict, why, what it asked for and its runs. */
public record GateModel(GateStatus status, Instant now) {

    public String timeout() {
        return Durations.format(status.gate().request().timeout());
    }

    /** While the verdict may change, the page reloads itself every few seconds. */
    public boolean live() {
        return !status.verdict().isFinal();
    }
}
