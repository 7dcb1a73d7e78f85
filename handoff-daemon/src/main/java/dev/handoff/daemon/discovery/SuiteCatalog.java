package dev.handoff.daemon.discovery;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import dev.handoff.api.HandoffSuite;
import dev.handoff.api.MaxAttempts;
import dev.handoff.api.Schedule;
import dev.handoff.api.internal.Durations;
import dev.handoff.api.internal.TestNames;
import dev.handoff.daemon.model.ScheduleDeclaration;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.engine.HandoffTestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The suites the daemon knows, found once at startup by the JUnit Platform Launcher restricted to
 * the {@code handoff} engine: every child of the engine's root is a suite.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class SuiteCatalog implements AutoCloseable {

    /** What the database keeps of a suite's name with each run. */
    public static final int MAX_SUITE_NAME = 500;

    private final Map<String, Suite> suitesByName;
    private final ClassLoader classLoader;
    private final List<Path> roots;

    private SuiteCatalog(Map<String, Suite> suitesByName, ClassLoader classLoader) {
        this(suitesByName, classLoader, List.of());
    }

    private SuiteCatalog(Map<String, Suite> suitesByName, ClassLoader classLoader, List<Path> roots) {
        this.suitesByName = suitesByName;
        this.classLoader = classLoader;
        this.roots = List.copyOf(roots);
    }

    /**
     * The suites among the given classes, in the given suites paths and, when asked, in this
     * process's classpath directories.
     *
     * @param suitesPaths jars or folders of compiled classes; a folder of jars stands for its jars
     * @throws IllegalArgumentException when a path does not exist or two suites have one name
     */
    public static SuiteCatalog load(List<Class<?>> classes, List<Path> suitesPaths, boolean classpathDirectories) {
        return load(classes, suitesPaths, classpathDirectories, Optional.empty());
    }

    /**
     * As {@link #load(List, List, boolean)}, and with {@code jarCache}, each jar of the suites
     * paths that holds suites is served unpacked from a folder of that cache (see {@link JarCache}),
     * as Surefire runs a module's tests from its classes folder.
     */
    public static SuiteCatalog load(
            List<Class<?>> classes, List<Path> suitesPaths, boolean classpathDirectories, Optional<Path> jarCache) {
        SuiteCatalog found = discoverIn(classes, SuitesPaths.roots(suitesPaths), classpathDirectories);
        if (jarCache.isEmpty()) {
            return found;
        }
        Set<Path> suiteJars = found.suiteJars();
        if (suiteJars.isEmpty()) {
            return found;
        }
        List<Path> unpacked = found.roots.stream()
                .map(root -> suiteJars.contains(root) ? JarCache.unpacked(root, jarCache.get()) : root)
                .toList();
        found.close();
        return discoverIn(classes, unpacked, classpathDirectories);
    }

    private static SuiteCatalog discoverIn(List<Class<?>> classes, List<Path> roots, boolean classpathDirectories) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = roots.isEmpty() ? parent : SuitesPaths.classLoader(roots, parent);
        List<DiscoverySelector> selectors = new ArrayList<>();
        classes.forEach(c -> selectors.add(selectClass(c)));
        if (!roots.isEmpty()) {
            selectors.addAll(selectClasspathRoots(SuiteRoots.holdingSuites(roots)));
        }
        if (classpathDirectories) {
            selectors.addAll(selectClasspathRoots(classpathDirectories(parent)));
        }
        SuiteCatalog catalog = selectors.isEmpty() ? new SuiteCatalog(Map.of(), loader) : discover(selectors, loader);
        return new SuiteCatalog(catalog.suitesByName, loader, roots);
    }

    /** The jars and folders of the suites paths, in order: a forked run's class path ends with them. */
    public List<Path> roots() {
        return roots;
    }

    /** The jars among the roots that hold a suite's class. */
    private Set<Path> suiteJars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (Suite suite : suitesByName.values()) {
            URL resource = classLoader.getResource(suite.className().replace('.', '/') + ".class");
            if (resource != null && resource.getProtocol().equals("jar")) {
                try {
                    jars.add(Path.of(((JarURLConnection) resource.openConnection())
                                    .getJarFileURL()
                                    .toURI())
                            .toAbsolutePath()
                            .normalize());
                } catch (IOException | URISyntaxException e) {
                    throw new IllegalStateException("cannot tell which jar holds " + suite.className(), e);
                }
            }
        }
        jars.retainAll(roots);
        return jars;
    }

    /** The class loader the suites were found with; runs execute with it as context class loader. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Closes the suites' own class loader, when {@link #load} made one, so that its jars are let go. */
    @Override
    public void close() {
        if (classLoader instanceof URLClassLoader own && SuitesPaths.LOADER_NAME.equals(own.getName())) {
            try {
                own.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the suites' jars: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Scans the directories on the classpath, as the JUnit console launcher's {@code
     * --scan-classpath} does: suites are compiled into a project's output directories, while
     * scanning every dependency jar would load thousands of classes for nothing. The directories
     * come from the class loader rather than {@code java.class.path}, which under Surefire names
     * only a manifest jar.
     */
    public static SuiteCatalog fromClasspathDirectories() {
        return load(List.of(), List.of(), true);
    }

    private static Set<Path> classpathDirectories(ClassLoader loader) {
        Set<Path> directories = new LinkedHashSet<>();
        try {
            Enumeration<URL> roots = loader.getResources("");
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    directories.add(Path.of(root.toURI()));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classpath's directories: " + e.getMessage(), e);
        }
        return directories;
    }

    public static SuiteCatalog fromClasses(List<Class<?>> classes) {
        return load(classes, List.of(), false);
    }

    /**
     * The suites the selectors find, loaded through the current thread's context class loader.
     *
     * @throws IllegalArgumentException when two suites have the same name
     */
    public static SuiteCatalog discover(List<? extends DiscoverySelector> selectors) {
        return discover(selectors, Thread.currentThread().getContextClassLoader());
    }

    /** @throws IllegalArgumentException when two suites have the same name */
    private static SuiteCatalog discover(List<? extends DiscoverySelector> selectors, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        TestPlan plan;
        try {
            plan = LauncherFactory.create()
                    .discover(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectors)
                            .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID))
                            .build());
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<Suite> suites = new ArrayList<>();
        for (TestIdentifier engine : plan.getRoots()) {
            for (TestIdentifier child : plan.getChildren(engine)) {
                if (child.getSource().orElse(null) instanceof ClassSource source) {
                    suites.add(suite(plan, child, source.getJavaClass()));
                }
            }
        }
        return of(suites, loader);
    }

    /** @throws IllegalArgumentException when two suites have the same name */
    public static SuiteCatalog of(List<Suite> suites) {
        return of(suites, Thread.currentThread().getContextClassLoader());
    }

    private static SuiteCatalog of(List<Suite> suites, ClassLoader loader) {
        Map<String, Suite> byName = new TreeMap<>();
        for (Suite suite : suites) {
            Suite other = byName.putIfAbsent(suite.name(), suite);
            if (other != null) {
                throw new IllegalArgumentException(
                        "suite name '%s' is used by both %s and %s: give one of them @HandoffSuite(name = ...)"
                                .formatted(suite.name(), other.className(), suite.className()));
            }
        }
        return new SuiteCatalog(byName, loader);
    }

    private static Suite suite(TestPlan plan, TestIdentifier identifier, Class<?> suiteClass) {
        HandoffSuite annotation =
                AnnotationSupport.findAnnotation(suiteClass, HandoffSuite.class).orElseThrow();
        List<MethodSource> definitions = plan.getDescendants(identifier).stream()
                .filter(d -> isTestDefinition(plan, d))
                .map(d -> (MethodSource) d.getSource().orElseThrow())
                .toList();
        List<String> tests = definitions.stream()
                .map(source -> TestNames.testName(source.getJavaClass(), source.getJavaMethod()))
                .distinct()
                .toList();
        String name = TestNames.suiteName(suiteClass);
        if (name.length() > MAX_SUITE_NAME) {
            throw new IllegalArgumentException(
                    "suite name of %s is %d characters long; at most %d fit: give it a shorter @HandoffSuite(name = ...)"
                            .formatted(suiteClass.getName(), name.length(), MAX_SUITE_NAME));
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException(
                    "suite name '%s' of %s contains '/', which its URLs cannot carry: give it @HandoffSuite(name = ...) without one"
                            .formatted(name, suiteClass.getName()));
        }
        Optional<Duration> timeout =
                annotation.timeout().isBlank() ? Optional.empty() : Optional.of(Durations.parse(annotation.timeout()));
        return new Suite(
                name,
                suiteClass.getName(),
                identifier.getUniqueId(),
                annotation.namespace(),
                annotation.description(),
                List.of(annotation.labels()),
                tests,
                annotation.maxAttempts(),
                timeout,
                schedules(suiteClass, name),
                attemptsPerTest(definitions, annotation.maxAttempts()),
                concurrentRuns(annotation, suiteClass));
    }

    /**
     * The fewest and most attempts of the suite's tests: a test's {@link MaxAttempts} (directly or
     * on a composed annotation, as the engine reads it), else the suite's.
     */
    private static Suite.AttemptRange attemptsPerTest(List<MethodSource> tests, int suiteMaxAttempts) {
        IntSummaryStatistics attempts = tests.stream()
                .mapToInt(test -> AnnotationSupport.findAnnotation(test.getJavaMethod(), MaxAttempts.class)
                        .map(MaxAttempts::value)
                        .orElse(suiteMaxAttempts))
                .summaryStatistics();
        return attempts.getCount() == 0
                ? Suite.AttemptRange.of(suiteMaxAttempts)
                : new Suite.AttemptRange(attempts.getMin(), attempts.getMax());
    }

    private static int concurrentRuns(HandoffSuite annotation, Class<?> suiteClass) {
        if (annotation.concurrentRuns() < 1) {
            throw new IllegalArgumentException("@HandoffSuite(concurrentRuns = %d) of %s: give at least 1"
                    .formatted(annotation.concurrentRuns(), suiteClass.getName()));
        }
        return annotation.concurrentRuns();
    }

    /**
     * The suite's enabled schedules. An unnamed one is named after the suite, the next unnamed ones
     * {@code -2}, {@code -3} ... counting disabled ones too, so that disabling one renames no other.
     */
    private static List<ScheduleDeclaration> schedules(Class<?> suiteClass, String suite) {
        List<ScheduleDeclaration> schedules = new ArrayList<>();
        int unnamed = 0;
        for (Schedule schedule : AnnotationSupport.findRepeatableAnnotations(suiteClass, Schedule.class)) {
            String name = schedule.name();
            if (name.isBlank()) {
                unnamed++;
                name = unnamed == 1 ? suite : suite + "-" + unnamed;
            }
            if (schedule.enabled()) {
                schedules.add(new ScheduleDeclaration(
                        name,
                        text(schedule.cron()),
                        text(schedule.every()),
                        text(schedule.filter()),
                        schedule.maxRuns(),
                        text(schedule.until())));
            }
        }
        return schedules;
    }

    private static Optional<String> text(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A test method as written, not one invocation of a parameterized test. */
    private static boolean isTestDefinition(TestPlan plan, TestIdentifier identifier) {
        return identifier.getSource().orElse(null) instanceof MethodSource
                && plan.getParent(identifier).flatMap(TestIdentifier::getSource).orElse(null) instanceof ClassSource;
    }

    /** By name. */
    public List<Suite> suites() {
        return List.copyOf(suitesByName.values());
    }

    public Optional<Suite> find(String name) {
        return Optional.ofNullable(suitesByName.get(name));
    }

    /** The suite of this name. @throws UnknownSuiteException naming the suites it may be a typo of */
    public Suite require(String name) {
        return find(name).orElseThrow(() -> new UnknownSuiteException(name, suitesByName.keySet()));
    }
}
