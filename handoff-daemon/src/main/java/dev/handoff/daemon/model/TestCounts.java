package dev.handoff.daemon.model;

import java.util.Collection;
import org.apiguardian.api.API;

/** How the tests of a finished run ended, by their latest attempt. */
@API(status = API.Status.EXPERIMENTAL)
public record TestCounts(int passed, int failed, int softFailed, int skipped, int flaky) {

    public static final TestCounts NONE = new TestCounts(0, 0, 0, 0, 0);

    public int total() {
        return passed + failed + softFailed + skipped;
    }

    /** These counts less {@code other}'s, field by field: what a change of a run's tests did to them. */
    public TestCounts minus(TestCounts other) {
        return new TestCounts(
                passed - other.passed,
                failed - other.failed,
                softFailed - other.softFailed,
                skipped - other.skipped,
                flaky - other.flaky);
    }

    public static TestCounts of(Collection<TestSummary> tests) {
        int passed = 0, failed = 0, soft = 0, skipped = 0, flaky = 0;
        for (TestSummary test : tests) {
            switch (test.latest().result()) {
                case PASSED -> passed++;
                case FAILED, RETRYING -> failed++;
                case SOFT_FAILED -> soft++;
                case SKIPPED -> skipped++;
            }
            if (test.flaky()) {
                flaky++;
            }
        }
        return new TestCounts(passed, failed, soft, skipped, flaky);
    }
}
