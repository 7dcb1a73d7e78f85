package dev.handoff.engine;

import static org.assertj.core.api.Assertions.allOf;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Condition;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventConditions;

/** Runs the handoff engine through EngineTestKit and reads what it published. */
final class EngineRuns {

    private EngineRuns() {}

    static EngineExecutionResults run(Class<?>... suites) {
        return run(
                Map.of(),
                Arrays.stream(suites)
                        .map(c -> (DiscoverySelector) selectClass(c))
                        .toArray(DiscoverySelector[]::new));
    }

    static EngineExecutionResults run(Map<String, String> configuration, DiscoverySelector... selectors) {
        return EngineTestKit.engine(HandoffTestEngine.ENGINE_ID)
                .selectors(selectors)
                .configurationParameters(configuration)
                .execute();
    }

    /** Report entries published on descriptors whose unique id contains {@code idPart}, in order. */
    static List<Map<String, String>> entries(EngineExecutionResults results, String idPart) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains(idPart))
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
    }

    /** The value of {@code key} in entries on descriptors whose id contains {@code idPart}. */
    static List<String> values(EngineExecutionResults results, String idPart, String key) {
        return entries(results, idPart).stream()
                .filter(m -> m.containsKey(key))
                .map(m -> m.get(key))
                .toList();
    }

    static String id(Event event) {
        return event.getTestDescriptor().getUniqueId().toString();
    }

    /**
     * A test whose whole unique id contains {@code part}; {@code EventConditions.test(String)}
     * matches within one segment only, and attempt ids span segments.
     */
    static Condition<Event> testId(String part) {
        return allOf(EventConditions.test(), idContains(part));
    }

    /** A container whose whole unique id contains {@code part}. */
    static Condition<Event> containerId(String part) {
        return allOf(EventConditions.container(), idContains(part));
    }

    private static Condition<Event> idContains(String part) {
        return new Condition<>(e -> id(e).contains(part), "unique id containing '%s'", part);
    }
}
