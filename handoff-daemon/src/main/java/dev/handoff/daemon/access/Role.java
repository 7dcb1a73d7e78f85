package dev.handoff.daemon.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What a caller may do, each role including the ones before it: {@code read} sees suites, runs and
 * schedules; {@code trigger} also starts, retries and cancels runs; {@code admin} also makes,
 * changes and deletes schedules.
 */
@API(status = API.Status.EXPERIMENTAL)
public enum Role {
    READ,
    TRIGGER,
    ADMIN;

    /** Every role's label, for messages: {@code read, trigger, admin}. */
    public static final String LABELS = Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller with this role may do what {@code needed} allows. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    public static Optional<Role> fromLabel(String label) {
        return Arrays.stream(values())
                .filter(role -> role.label().equals(label))
                .findFirst();
    }
}
