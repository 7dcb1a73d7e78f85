package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * What {@code --suites} names: jars and folders of compiled suites, and suites as Maven
 * coordinates {@code group:artifact:version[:classifier]}, resolved when the daemon is built.
 *
 * @param paths jars and folders, each once
 * @param artifacts coordinates, each once
 */
@API(status = API.Status.EXPERIMENTAL)
public record SuiteSources(List<Path> paths, List<String> artifacts) {

    /** {@code group:artifact:version[:classifier]}. */
    public static final Pattern COORDINATES =
            Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([0-9][A-Za-z0-9_.+-]*)(?::([A-Za-z0-9_.-]+))?");

    /** No suites. */
    public static final SuiteSources NONE = new SuiteSources(List.of(), List.of());

    public SuiteSources {
        paths = List.copyOf(paths);
        artifacts = List.copyOf(artifacts);
    }

    /** One jar or folder. */
    public static SuiteSources of(Path path) {
        return new SuiteSources(List.of(path), List.of());
    }

    /** Both, each element once. */
    static SuiteSources merge(SuiteSources first, SuiteSources second) {
        return new SuiteSources(Kind.concat(first.paths, second.paths), Kind.concat(first.artifacts, second.artifacts));
    }

    @Override
    public String toString() {
        return String.join(
                ", ",
                Stream.concat(paths.stream().map(Path::toString), artifacts.stream())
                        .toList());
    }
}
