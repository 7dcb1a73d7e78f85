package dev.handoff.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.handoff.engine.internal.SuiteDescriptor;
import dev.handoff.engine.internal.SuiteDiscovery;
import dev.handoff.engine.internal.SuiteExecution;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The JUnit Platform engine {@value #ENGINE_ID}: runs {@code @HandoffSuite} classes with attempts,
 * soft failures and suite timeouts, delegating everything else (lifecycle methods, extensions,
 * parameterized and dynamic tests) to the Jupiter engine.
 *
 * <p>The configuration parameters it reads are the constants below.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HandoffTestEngine implements TestEngine {

    /** The engine's id, as used in unique ids and in {@code includeEngines}. */
    public static final String ENGINE_ID = "handoff";

    /** Regular expression over test names; tests that do not match are reported skipped. */
    public static final String FILTER = "handoff.filter";

    /** Overrides the maximum attempts of every suite and test. */
    public static final String MAX_ATTEMPTS = "handoff.maxAttempts";

    /** The run's number, returned by {@code HandoffContext.runNumber()}; the daemon sets it. */
    public static final String RUN_NUMBER = "handoff.run.number";

    /** Prefix of run parameters: {@code handoff.param.KEY} is {@code HandoffContext.parameter("KEY")}. */
    public static final String PARAMETER_PREFIX = "handoff.param.";

    /** How long a test that ignores interruption may keep a timed-out suite waiting; default {@code 5s}. */
    public static final String TIMEOUT_GRACE = "handoff.timeout.grace";

    /**
     * Whether {@code HandoffContext.log} lines are also written to the console ({@code true} by
     * default, so Surefire shows them); the daemon records them and turns this off.
     */
    public static final String LOG_TO_CONSOLE = "handoff.log.console";

    /**
     * Whether what tests print to {@code System.out} and {@code System.err} also reaches the
     * console ({@code true} by default, so Surefire shows it); it is captured into each attempt's
     * log either way. The daemon turns this off, so that its own output stays its own.
     */
    public static final String OUTPUT_TO_CONSOLE = "handoff.output.console";

    /** The key of an open {@link StopSignal} that can stop the execution from outside. */
    public static final String STOP_SIGNAL = "handoff.stop.signal";

    /**
     * Where spans go (OTLP over HTTP, such as {@code http://collector:4318}); the standard {@code
     * OTEL_EXPORTER_OTLP_ENDPOINT} works too. Needs the OpenTelemetry SDK on the test class path
     * (see the README's "Traces"); without one, spans are not exported.
     */
    public static final String OTLP_ENDPOINT = "handoff.otlp.endpoint";

    /** The W3C {@code traceparent} of the run's span: attempts become its children. The daemon sets it. */
    public static final String TRACE_PARENT = "handoff.traceparent";

    /** The environment the run is for (the daemon's {@code --environment}), an attribute of every attempt span. */
    public static final String ENVIRONMENT = "handoff.environment";

    /** The key under which a host in the same JVM registered its OpenTelemetry (the daemon sets it). */
    public static final String TRACER = "handoff.tracer";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.handoff");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("handoff-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Handoff");
        SuiteDiscovery.discover(request, engine);
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        var listener = request.getEngineExecutionListener();
        listener.executionStarted(engine);
        List<SuiteDescriptor> suites = engine.getChildren().stream()
                .filter(SuiteDescriptor.class::isInstance)
                .map(SuiteDescriptor.class::cast)
                .toList();
        SuiteExecution.runAll(suites, request);
        listener.executionFinished(engine, TestExecutionResult.successful());
    }
}
