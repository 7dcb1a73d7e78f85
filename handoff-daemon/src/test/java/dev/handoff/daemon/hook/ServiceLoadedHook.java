package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.HookConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listed in a {@code META-INF/services} file that {@link HookTests} writes into a suites path: the
 * daemon must find it there. Not listed on the test classpath, so other daemons never load it.
 */
public final class ServiceLoadedHook implements AsyncSuiteRunFinishedListener {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private volatile String greeting = "";

    @Override
    public String name() {
        return "service-loaded";
    }

    @Override
    public void init(HookConfig config) {
        greeting =
                config.setting("greeting").orElseThrow(() -> new IllegalArgumentException("needs a greeting setting"));
    }

    @Override
    public void suiteRunFinished(FinishedRun run, ContextValues values) {
        EVENTS.add(greeting + " " + run.suite() + " #" + run.number() + " " + run.result());
        values.put("greeting", greeting);
    }
}
