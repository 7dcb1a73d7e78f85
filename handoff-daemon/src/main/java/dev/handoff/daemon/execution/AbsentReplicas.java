package dev.handoff.daemon.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which replicas owning running runs have been seen not live, and since when: a replica is taken
 * for stopped only once it stayed absent for a confirmation time. Quartz drops a replica whose
 * check-ins stopped, and after an outage of the database the first replica back finds the others'
 * check-ins old; they check in again within seconds, and their runs must stay theirs.
 */
final class AbsentReplicas {

    private final Duration confirmation;
    private final Map<String, Instant> since = new HashMap<>();

    AbsentReplicas(Duration confirmation) {
        this.confirmation = confirmation;
    }

    /**
     * @param absent the owners of running runs that are not live now
     * @return those of them absent since at least the confirmation time; they are forgotten, so a
     *     replica seen absent again later waits the confirmation time again
     */
    List<String> confirmed(Set<String> absent, Instant now) {
        since.keySet().retainAll(absent);
        List<String> confirmed = new ArrayList<>();
        for (String owner : absent) {
            Instant first = since.putIfAbsent(owner, now);
            if (first != null && !now.isBefore(first.plus(confirmation))) {
                confirmed.add(owner);
            }
        }
        confirmed.forEach(since::remove);
        return confirmed;
    }
}
