package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where a daemon finds its suites.
 *
 * @param classes suite classes on the library's own classpath
 * @param paths jars and folders of compiled suites ({@code --suites}), each once
 * @param classpathDirectories whether the folders of the process's classpath count too
 */
@API(status = API.Status.EXPERIMENTAL)
public record SuitesConfig(List<Class<?>> classes, List<Path> paths, boolean classpathDirectories) {

    public SuitesConfig {
        classes = List.copyOf(classes);
        paths = List.copyOf(paths);
    }

    static SuitesConfig of(Values values) {
        return new SuitesConfig(
                values.get(Settings.SUITE_CLASSES),
                values.get(Settings.SUITES),
                values.get(Settings.CLASSPATH_DIRECTORIES));
    }
}
