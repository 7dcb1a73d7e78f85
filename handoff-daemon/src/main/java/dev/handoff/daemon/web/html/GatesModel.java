package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.GateStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gates page ({@code /gates}): gates newest first, each with its verdict and its runs.
 *
 * @param next the address of the next page of older gates, when there is one
 */
public record GatesModel(List<GateStatus> gates, Optional<String> next, Instant now) {}
