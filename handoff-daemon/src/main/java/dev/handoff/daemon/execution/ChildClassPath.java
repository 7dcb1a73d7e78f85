package dev.handoff.daemon.execution;

import dev.handoff.api.HandoffSuite;
import dev.handoff.daemon.discovery.JarCache;
import dev.handoff.daemon.fork.ForkedRunMain;
import dev.handoff.engine.HandoffTestEngine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.platform.launcher.Launcher;

/**
 * The class path of a forked run's JVM, and whose JUnit it runs on.
 *
 * <p>When the suites path brings a whole JUnit Platform (its {@code junit-platform-launcher} and
 * {@code junit-platform-engine} jars, as a bundle of a module's test dependencies does), the child
 * runs on it, as Surefire would run the module: the class path is Handoff's API, engine and the
 * child's main class, then the suites path. Else the child runs on the daemon's own class path
 * (its JUnit first, as in-process runs do), then the suites path.
 *
 * @param entries in order
 * @param junit whose JUnit the child runs on, for the startup line: {@code the suites path's JUnit
 *     Platform 6.0.3}
 */
record ChildClassPath(List<Path> entries, String junit) {

    private static final Pattern LAUNCHER_JAR = Pattern.compile("junit-platform-launcher-(\\d[^/]*)\\.jar");
    private static final Pattern ENGINE_JAR = Pattern.compile("junit-platform-engine-(\\d[^/]*)\\.jar");
    /** What the child needs of Handoff when the suites bring JUnit: the API, the engine and this package. */
    private static final List<String> HANDOFF_PACKAGES = List.of(
            "dev/handoff/api/",
            "dev/handoff/engine/",
            "dev/handoff/daemon/fork/",
            // The engine's spans: the OpenTelemetry API, and the SDK and exporter the child's runs export with.
            "io/opentelemetry/",
            "META-INF/services/io.opentelemetry.");

    /** OpenTelemetry's jars (API, SDK, autoconfiguration, OTLP exporter) on the daemon's class path. */
    private static final Pattern OPENTELEMETRY_JAR = Pattern.compile("opentelemetry-[^/]*\\.jar");

    ChildClassPath {
        entries = List.copyOf(entries);
    }

    /**
     * @param suiteRoots the suites path's jars and folders
     * @param cache where Handoff's parts are unpacked when they come in one jar with the daemon's JUnit
     */
    static ChildClassPath of(List<Path> suiteRoots, Path cache) {
        Optional<String> ownJUnit = ownJUnit(suiteRoots);
        Set<Path> entries = new LinkedHashSet<>();
        if (ownJUnit.isPresent()) {
            for (Class<?> part : List.of(HandoffSuite.class, HandoffTestEngine.class, ForkedRunMain.class)) {
                entries.add(withoutJUnit(location(part), cache));
            }
            entries.addAll(openTelemetryJars());
            entries.addAll(suiteRoots);
            return new ChildClassPath(List.copyOf(entries), "the suites path's JUnit Platform " + ownJUnit.get());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        entries.addAll(suiteRoots);
        String version = Optional.ofNullable(Launcher.class.getPackage().getImplementationVersion())
                .map(v -> " " + v)
                .orElse("");
        return new ChildClassPath(List.copyOf(entries), "the daemon's JUnit Platform" + version);
    }

    /** The daemon's OpenTelemetry jars, when it runs from separate jars rather than one executable jar. */
    private static List<Path> openTelemetryJars() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath())
                .filter(path ->
                        OPENTELEMETRY_JAR.matcher(path.getFileName().toString()).matches())
                .toList();
    }

    /** The version of the JUnit Platform the suites path brings whole (launcher and engine), if it does. */
    static Optional<String> ownJUnit(List<Path> suiteRoots) {
        Optional<String> launcher = version(suiteRoots, LAUNCHER_JAR);
        return launcher.isPresent() && version(suiteRoots, ENGINE_JAR).isPresent() ? launcher : Optional.empty();
    }

    private static Optional<String> version(List<Path> roots, Pattern jar) {
        return roots.stream()
                .map(root -> jar.matcher(root.getFileName().toString()))
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .findFirst();
    }

    String classPath() {
        return String.join(
                File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /**
     * The location as it is, unless it also holds the daemon's JUnit (the executable jar): then the
     * Handoff packages unpacked from it, so that the suites' JUnit is the only one.
     */
    private static Path withoutJUnit(Path location, Path cache) {
        if (Files.isDirectory(location) || !contains(location, "org/junit/platform/launcher/Launcher.class")) {
            return location;
        }
        Path unpacked = JarCache.unpacked(location, cache, "handoff-", ChildClassPath::handoffEntry);
        SERVICES.forEach(service -> writeHandoffProviders(location, unpacked, service));
        return unpacked;
    }

    /** The service files whose Handoff providers the child needs: the engine, its filter, the context extension. */
    private static final List<String> SERVICES = List.of(
            "META-INF/services/org.junit.platform.engine.TestEngine",
            "META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter",
            "META-INF/services/org.junit.jupiter.api.extension.Extension");

    /** The executable jar's service files list every provider merged into it: the child gets Handoff's. */
    private static void writeHandoffProviders(Path jar, Path folder, String service) {
        Path file = folder.resolve(service);
        if (Files.exists(file)) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry(service);
            if (entry == null) {
                return;
            }
            String providers;
            try (var in = zip.getInputStream(entry)) {
                providers = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> line.strip().startsWith("dev.handoff."))
                        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            }
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + "." + java.util.UUID.randomUUID());
            Files.writeString(partial, providers);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + jar + "': " + e.getMessage(), e);
        }
    }

    /** An entry of the executable jar the child needs: a Handoff class, or a Handoff line of a services file. */
    private static String handoffEntry(String name) {
        if (HANDOFF_PACKAGES.stream().anyMatch(name::startsWith)) {
            return name;
        }
        return null;
    }

    private static boolean contains(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + jar + "': " + e.getMessage(), e);
        }
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
