package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where a daemon finds its suites.
 *
 * @param classes suite classes on the library's own classpath
 * @param paths jars and folders of compiled suites ({@code --suites}), each once
 * @param artifacts suites given as Maven coordinates {@code group:artifact:version[:classifier]}
 *     ({@code --suites} too), each once
 * @param mavenRepositories where those are resolved from ({@code --maven-repo}); empty for Maven
 *     Central
 * @param classpathDirectories whether the folders of the process's classpath count too
 */
@API(status = API.Status.EXPERIMENTAL)
public record SuitesConfig(
        List<Class<?>> classes,
        List<Path> paths,
        List<String> artifacts,
        List<String> mavenRepositories,
        boolean classpathDirectories) {

    public SuitesConfig {
        classes = List.copyOf(classes);
        paths = List.copyOf(paths);
        artifacts = List.copyOf(artifacts);
        mavenRepositories = List.copyOf(mavenRepositories);
    }

    /** Whether no suites were named: no classes, paths or coordinates. */
    public boolean named() {
        return !classes.isEmpty() || !paths.isEmpty() || !artifacts.isEmpty();
    }

    static SuitesConfig of(Values values) {
        SuiteSources given = values.get(Settings.SUITES);
        List<String> artifacts = new ArrayList<>(given.artifacts());
        values.get(Settings.SUITES_ARTIFACTS).stream()
                .filter(artifact -> !artifacts.contains(artifact))
                .forEach(artifacts::add);
        return new SuitesConfig(
                values.get(Settings.SUITE_CLASSES),
                given.paths(),
                artifacts,
                values.get(Settings.MAVEN_REPO),
                values.get(Settings.CLASSPATH_DIRECTORIES));
    }
}
