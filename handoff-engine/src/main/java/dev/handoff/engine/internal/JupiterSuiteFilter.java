package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the Jupiter engine off {@code @HandoffSuite} classes, so that under a launcher that has
 * both engines (Surefire, IDEs) every suite test runs once per attempt, under the {@code handoff}
 * engine only. The launcher finds this filter through {@code ServiceLoader}; plain Jupiter classes
 * are untouched.
 */
@API(status = INTERNAL, since = "0.1")
public final class JupiterSuiteFilter implements PostDiscoveryFilter {

    // The launcher asks about every descriptor of every engine: the answers are shared, not built each time.
    private static final FilterResult NOT_JUPITER = FilterResult.included("not a Jupiter test");
    private static final FilterResult NOT_IN_SUITE = FilterResult.included("not in a Handoff suite");
    private static final FilterResult IN_SUITE = FilterResult.excluded("runs under the handoff engine");

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!JupiterBridge.JUPITER_ENGINE_ID.equals(
                descriptor.getUniqueId().getEngineId().orElse(null))) {
            return NOT_JUPITER;
        }
        Class<?> testClass = switch (descriptor.getSource().orElse(null)) {
            case ClassSource c -> c.getJavaClass();
            case MethodSource m -> m.getJavaClass();
            case null, default -> null;
        };
        if (testClass != null && SuiteClasses.suiteOf(testClass) != null) {
            return IN_SUITE;
        }
        return NOT_IN_SUITE;
    }
}
