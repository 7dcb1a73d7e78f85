package dev.handoff.daemon.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.Suite;
import dev.handoff.engine.HandoffTestEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handoff exec}: runs suites in this process, without a daemon or a database, as a CI job
 * would: the JUnit Platform Launcher restricted to the {@code handoff} engine, suites loaded from
 * the {@code --suites} paths by the class loader the daemon's {@link SuiteCatalog} finds them with
 * (the thread's context class loader while they run, which is where the Launcher looks for
 * classes). Test log lines go to the console as under Surefire.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs suites here and now, without a daemon: prints each test's result, then a summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every suite passed or was flaky",
            "1:a suite failed",
            "2:error: bad arguments, unknown suite, no suites"
        })
final class ExecCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "SUITE", arity = "0..*", description = "Suites to run, by name; none runs them all.")
    List<String> suiteNames = new ArrayList<>();

    @Option(
            names = "--suites",
            paramLabel = "PATH",
            description = {
                "A jar or folder of compiled suites and their dependencies; repeatable, or several separated by "
                        + "':' (';' on Windows). Env: HANDOFF_SUITES.",
                "Default: none"
            })
    List<String> suites = new ArrayList<>();

    @Option(
            names = "--filter",
            paramLabel = "REGEX",
            description = "Only the tests whose names match (find); others are skipped.")
    String filter;

    @Option(
            names = "--param",
            paramLabel = "KEY=VALUE",
            converter = OptionTypes.RunParameter.class,
            description = "A run parameter, HandoffContext.parameter(KEY); repeatable.")
    List<Map.Entry<String, String>> parameters = new ArrayList<>();

    @Option(
            names = "--junit-xml",
            paramLabel = "FILE",
            description = "Write a JUnit XML report of every suite run here.")
    Path junitXml;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Write a JSON summary here: result, suites, their tests.")
    Path json;

    private final CliContext context;

    ExecCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Optional<Pattern> pattern = pattern();
        Reports.checkWritable(junitXml, "--junit-xml");
        Reports.checkWritable(json, "--json");
        SuiteCatalog catalog = discover(paths());
        List<Suite> chosen = choose(catalog);
        pattern.ifPresent(p -> requireSomeTest(p, chosen));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(catalog.classLoader());
        try {
            ExecListener progress = execute(chosen);
            progress.summaryLines().forEach(context.out()::println);
            ExecSummary summary = progress.summary();
            if (summary.suites().size() > 1) {
                context.out().println(overall(summary));
            }
            if (json != null) {
                Reports.write(json, "--json", JSON.writeValueAsString(summary) + System.lineSeparator());
            }
            return summary.failed() ? ExitCode.FAILED : ExitCode.OK;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * {@code 2 suites flaky: 1 passed, 1 flaky}: the overall result with how each suite ended, so
     * that it does not read as if every suite had that result.
     */
    static String overall(ExecSummary summary) {
        Map<String, Long> byResult = summary.suites().stream()
                .collect(Collectors.groupingBy(ExecSummary.SuiteOutcome::result, TreeMap::new, Collectors.counting()));
        return summary.suites().size() + " suites " + summary.result() + ": "
                + byResult.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", "));
    }

    private List<Path> paths() {
        List<Path> paths = OptionTypes.pathList(suites);
        if (paths.isEmpty()) {
            throw new CliException(
                    "no suites to run: give --suites with a jar or folder of compiled suites (or set HANDOFF_SUITES)");
        }
        return paths;
    }

    private Optional<Pattern> pattern() {
        try {
            return Optional.ofNullable(filter).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new CliException(
                    "filter '%s' is not a valid regular expression: %s near index %d"
                            .formatted(filter, e.getDescription(), e.getIndex()),
                    e);
        }
    }

    private SuiteCatalog discover(List<Path> paths) {
        SuiteCatalog catalog;
        try {
            catalog = SuiteCatalog.load(List.of(), paths, false);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (catalog.suites().isEmpty()) {
            throw new CliException("no @HandoffSuite classes in "
                    + paths.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        return catalog;
    }

    private List<Suite> choose(SuiteCatalog catalog) {
        if (suiteNames.isEmpty()) {
            return catalog.suites();
        }
        List<Suite> chosen = new ArrayList<>();
        for (String name : new LinkedHashSet<>(suiteNames)) {
            chosen.add(catalog.find(name)
                    .orElseThrow(() -> new CliException("unknown suite '%s': the suites are %s"
                            .formatted(
                                    name,
                                    catalog.suites().stream().map(Suite::name).collect(Collectors.joining(", "))))));
        }
        return chosen;
    }

    private void requireSomeTest(Pattern pattern, List<Suite> chosen) {
        if (chosen.stream()
                .flatMap(s -> s.tests().stream())
                .noneMatch(test -> pattern.matcher(test).find())) {
            throw new CliException("filter '%s' matches none of the tests of %s"
                    .formatted(filter, chosen.stream().map(Suite::name).collect(Collectors.joining(", "))));
        }
    }

    private ExecListener execute(List<Suite> chosen) throws IOException {
        ExecListener progress = new ExecListener(chosen, context.out());
        Path reports = junitXml == null ? null : Files.createTempDirectory("handoff-exec");
        try {
            List<TestExecutionListener> listeners = new ArrayList<>(List.of(progress));
            if (reports != null) {
                listeners.add(new LegacyXmlReportGeneratingListener(reports, new PrintWriter(context.err(), true)));
            }
            LauncherFactory.create().execute(request(chosen), listeners.toArray(TestExecutionListener[]::new));
            if (reports != null) {
                Reports.move(reportFile(reports), junitXml, "--junit-xml");
            }
            return progress;
        } finally {
            if (reports != null) {
                deleteTree(reports);
            }
        }
    }

    private LauncherDiscoveryRequest request(List<Suite> chosen) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(chosen.stream()
                        .map(suite -> selectUniqueId(suite.uniqueId()))
                        .toList())
                .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID));
        Optional.ofNullable(filter).ifPresent(f -> request.configurationParameter(HandoffTestEngine.FILTER, f));
        OptionTypes.parameterMap(parameters)
                .forEach((key, value) ->
                        request.configurationParameter(HandoffTestEngine.PARAMETER_PREFIX + key, value));
        return request.build();
    }

    /** The listener writes one {@code TEST-<engine>.xml} per engine: all suites are in the handoff engine's one. */
    private static Path reportFile(Path reports) throws IOException {
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
                    .findFirst()
                    .orElseThrow(() -> new CliException("JUnit wrote no XML report"));
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is not worth failing the command for
        }
    }
}
