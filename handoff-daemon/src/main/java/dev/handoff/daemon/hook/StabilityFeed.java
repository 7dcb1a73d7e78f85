package dev.handoff.daemon.hook;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/** What the "after" step asks of tests' stability once a run finished (the daemon's {@code StabilityService}). */
@API(status = API.Status.INTERNAL)
public interface StabilityFeed {

    /** A daemon without stability: nothing judged, no digest lines, no daily digest claimed. */
    StabilityFeed NONE = new StabilityFeed() {
        @Override
        public void runFinished(String suite) {}

        @Override
        public List<String> flakyTests(String suite) {
            return List.of();
        }

        @Override
        public boolean claimDigest(String hook, String suite, Duration every) {
            return false;
        }
    };

    /** Judges the suite's tests again (metrics, auto-quarantine). Never throws. */
    void runFinished(String suite);

    /** The suite's flaky (and quarantined) tests, one line each, the most trouble first: a digest's lines. */
    List<String> flakyTests(String suite);

    /**
     * Whether the hook's daily digest of the suite is due now, claiming it when it is: once per
     * {@code every} across the replicas of a cluster.
     */
    boolean claimDigest(String hook, String suite, Duration every);
}
