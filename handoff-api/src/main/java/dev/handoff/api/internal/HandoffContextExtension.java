package dev.handoff.api.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.HandoffContext;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects {@link HandoffContext} and keeps tests from starting once the engine has stopped the
 * suite (its timeout passed). The engine has Jupiter load it, through extension autodetection,
 * for the suites that use either; it also works when registered with {@code @ExtendWith}.
 */
@API(status = INTERNAL, since = "0.1")
public final class HandoffContextExtension implements ParameterResolver, ExecutionCondition {

    private static final ConditionEvaluationResult RUNNING = ConditionEvaluationResult.enabled("suite is running");

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(HandoffContextExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == HandoffContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Keyed by the context's id: stores are hierarchical, and a test must not get its class's context.
        return extensionContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        extensionContext.getUniqueId(),
                        key -> new DefaultHandoffContext(extensionContext, SuiteRunState.of(extensionContext)),
                        DefaultHandoffContext.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!SuiteRunState.anyStopped()) {
            return RUNNING;
        }
        SuiteRunState state = SuiteRunState.of(context);
        String reason = state == null ? null : state.stopReason();
        return reason == null ? RUNNING : ConditionEvaluationResult.disabled(reason);
    }
}
