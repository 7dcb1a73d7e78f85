package dev.handoff.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code handoff serve} command line of {@code handoff:serve}: the module's suites paths, then
 * every {@code -Dhandoff.NAME=VALUE} as {@code --NAME=VALUE}, so the goal has exactly the options
 * of {@code serve} (checked, named and documented there: {@code -Dhandoff.port=8080}, {@code
 * -Dhandoff.data-dir=...}). Keys that belong to the other goals or to the engine's configuration
 * parameters (which Surefire also reads from {@code -D}) are left out.
 */
final class ServeArguments {

    static final String PREFIX = "handoff.";

    /** {@code handoff:run}'s and {@code handoff:bundle}'s own parameters, and the engine's. */
    private static final Set<String> NOT_SERVE = Set.of(
            "url", "suites", "filter", "ref", "timeout", "skip", "bundle", "reports", "maxAttempts", "timeout.grace");

    private ServeArguments() {}

    static List<String> of(List<Path> suitesPaths, Path defaultDataDir, Properties properties) {
        Map<String, String> options = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                String name = key.substring(PREFIX.length());
                if (!NOT_SERVE.contains(name) && !name.startsWith("param.") && !name.startsWith("run.")) {
                    options.put(name, properties.getProperty(key));
                }
            }
        }
        List<String> args = new ArrayList<>(List.of("serve"));
        for (Path path : suitesPaths) {
            args.add("--suites=" + path);
        }
        if (!options.containsKey("data-dir")) {
            args.add("--data-dir=" + defaultDataDir);
        }
        options.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }
}
