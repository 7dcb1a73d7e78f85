package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.IterationSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Discovery in two steps, as the platform's suite engine does it: selector resolvers find the
 * suite classes (class, method, nested, iteration, unique-id selectors; package, classpath-root
 * and module selectors through class scanning) and note which selectors target each suite; then
 * Jupiter discovers each suite's tests from those selectors and the suite mirrors its tree.
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteDiscovery {

    static final String SUITE_SEGMENT = "suite";

    private static final EngineDiscoveryRequestResolver<EngineDescriptor> RESOLVER =
            EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                    .addClassContainerSelectorResolver(SuiteClasses::isSuite)
                    .addSelectorResolver(context -> new Resolver())
                    .build();

    private SuiteDiscovery() {}

    public static void discover(EngineDiscoveryRequest request, EngineDescriptor engine) {
        RESOLVER.resolve(request, engine);
        for (TestDescriptor child : List.copyOf(engine.getChildren())) {
            ((SuiteDescriptor) child).discoverTests(request);
        }
    }

    private static final class Resolver implements SelectorResolver {

        @Override
        public Resolution resolve(ClassSelector selector, Context context) {
            Class<?> c = selector.getJavaClass();
            Class<?> suite = SuiteClasses.suiteOf(c);
            if (suite == null) {
                return Resolution.unresolved();
            }
            DiscoverySelector inner = c == suite ? selector : selectNestedClass(enclosing(c, suite), c);
            return addTo(suite, inner, context);
        }

        @Override
        public Resolution resolve(MethodSelector selector, Context context) {
            Class<?> suite = SuiteClasses.suiteOf(selector.getJavaClass());
            return suite == null ? Resolution.unresolved() : addTo(suite, selector, context);
        }

        @Override
        public Resolution resolve(NestedClassSelector selector, Context context) {
            Class<?> suite = SuiteClasses.suiteOf(selector.getEnclosingClasses().get(0));
            return suite == null ? Resolution.unresolved() : addTo(suite, selector, context);
        }

        @Override
        public Resolution resolve(NestedMethodSelector selector, Context context) {
            Class<?> suite = SuiteClasses.suiteOf(selector.getEnclosingClasses().get(0));
            return suite == null ? Resolution.unresolved() : addTo(suite, selector, context);
        }

        @Override
        public Resolution resolve(IterationSelector selector, Context context) {
            DiscoverySelector parent = selector.getParentSelector();
            Class<?> target = parent instanceof MethodSelector m
                    ? m.getJavaClass()
                    : parent instanceof NestedMethodSelector n
                            ? n.getEnclosingClasses().get(0)
                            : null;
            Class<?> suite = target == null ? null : SuiteClasses.suiteOf(target);
            return suite == null ? Resolution.unresolved() : addTo(suite, selector, context);
        }

        @Override
        public Resolution resolve(UniqueIdSelector selector, Context context) {
            List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
            if (segments.size() < 2 || !segments.get(1).getType().equals(SUITE_SEGMENT)) {
                return Resolution.unresolved();
            }
            Optional<Class<?>> suite = ReflectionSupport.tryToLoadClass(
                            segments.get(1).getValue())
                    .toOptional()
                    .filter(SuiteClasses::isSuite);
            if (suite.isEmpty()) {
                return Resolution.unresolved();
            }
            UniqueId suiteId = UniqueId.forEngine(segments.get(0).getValue()).append(segments.get(1));
            UniqueId inner = SuiteDescriptor.jupiterClassId(suiteId, suite.get());
            boolean any = false;
            for (UniqueId.Segment segment : segments.subList(2, segments.size())) {
                if (!segment.getType().equals(SuiteDescriptor.ATTEMPT_SEGMENT)) {
                    inner = inner.append(segment);
                    any = true;
                }
            }
            return addTo(suite.get(), any ? selectUniqueId(inner) : selectClass(suite.get()), context);
        }

        private static Resolution addTo(Class<?> suiteClass, DiscoverySelector inner, Context context) {
            Optional<SuiteDescriptor> suite = context.addToParent(parent -> Optional.of(
                    new SuiteDescriptor(parent.getUniqueId().append(SUITE_SEGMENT, suiteClass.getName()), suiteClass)));
            suite.ifPresent(s -> s.addJupiterSelector(inner));
            return suite.map(s -> Resolution.match(Match.exact(s))).orElse(Resolution.unresolved());
        }

        private static List<Class<?>> enclosing(Class<?> nested, Class<?> suite) {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = nested.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
                chain.add(0, c);
                if (c == suite) {
                    break;
                }
            }
            return chain;
        }
    }
}
