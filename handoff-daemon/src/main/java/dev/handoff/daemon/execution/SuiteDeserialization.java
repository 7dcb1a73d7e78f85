package dev.handoff.daemon.execution;

import java.io.ObjectInputFilter;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;

/**
 * Lets the tests of an in-process run use Java serialization, while the daemon's own threads keep
 * the JVM-wide filter that Helidon sets: {@code !*}, rejecting every class. Tests that serialize
 * and read back what they wrote (a {@code Serializable} class's round trip) pass under Surefire and
 * must pass here too.
 *
 * <p>Helidon's filter cannot be relaxed for some threads (it is set once per JVM, and Helidon refuses
 * to start when another filter does not reject everything), so this sets the JVM's serial filter
 * factory instead (JEP 415), which picks each stream's filter when the stream is made: on a thread
 * of an in-process run, and on threads those start, a stream gets only the filter its code asks
 * for ({@code setObjectInputFilter}), as it would without Helidon; anywhere else it gets the
 * JVM-wide one, as it did before. The daemon runs the suites' code anyway, so reading their own
 * objects opens nothing new; what it deserializes for itself stays filtered.
 *
 * <p>When another factory was set first (the {@code jdk.serialFilterFactory} property, or a program
 * embedding the daemon), it is left alone and a warning says so; such tests then need {@code
 * --isolation fork}, whose runs have no Helidon in their JVM.
 */
final class SuiteDeserialization {

    private static final System.Logger LOGGER = System.getLogger(SuiteDeserialization.class.getName());
    private static final InheritableThreadLocal<Boolean> RUN_THREAD = new InheritableThreadLocal<>();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private SuiteDeserialization() {}

    /** Runs {@code execution} (an in-process run) with its threads' streams filtered as without Helidon. */
    static void during(Runnable execution) {
        install();
        Boolean previous = RUN_THREAD.get();
        RUN_THREAD.set(Boolean.TRUE);
        try {
            execution.run();
        } finally {
            RUN_THREAD.set(previous);
        }
    }

    /** Whether the current thread belongs to an in-process run (visible to tests). */
    static boolean onRunThread() {
        return RUN_THREAD.get() == Boolean.TRUE;
    }

    private static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        BinaryOperator<ObjectInputFilter> builtin = ObjectInputFilter.Config.getSerialFilterFactory();
        try {
            ObjectInputFilter.Config.setSerialFilterFactory((current, requested) ->
                    onRunThread() ? ownFilter(current, requested) : builtin.apply(current, requested));
        } catch (IllegalStateException alreadySet) {
            LOGGER.log(
                    Level.WARNING,
                    "A serial filter factory is already set in this JVM; tests of in-process runs get the JVM-wide"
                            + " deserialization filter (Helidon's rejects every class): run such suites with"
                            + " --isolation fork. " + alreadySet.getMessage());
        }
    }

    /**
     * The filter of a stream made on a run's thread: none when the stream is made (the JVM-wide
     * filter is the {@code requested} one then), the code's own when it sets one.
     */
    private static ObjectInputFilter ownFilter(ObjectInputFilter current, ObjectInputFilter requested) {
        if (current == null && requested == ObjectInputFilter.Config.getSerialFilter()) {
            return null;
        }
        return requested;
    }
}
