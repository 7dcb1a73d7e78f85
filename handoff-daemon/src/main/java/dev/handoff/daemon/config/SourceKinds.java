package dev.handoff.daemon.config;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The kinds of where suites come from: paths, {@code --suites}, Maven coordinates and repositories. */
final class SourceKinds {

    private SourceKinds() {}

    static Kind<Path> path() {
        return text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new SettingProblem("is not a path: " + e.getReason());
            }
        };
    }

    /** Several paths, separated as in a classpath ({@code :}, {@code ;} on Windows); each once. */
    static Kind<List<Path>> paths() {
        return text -> Arrays.stream(text.split(File.pathSeparator))
                .filter(part -> !part.isBlank())
                .map(Kind.PATH::parse)
                .distinct()
                .toList();
    }

    /**
     * What {@code --suites} names: Maven coordinates {@code group:artifact:version[:classifier]}
     * (unless a file of that name exists), else paths separated as in a classpath.
     */
    static Kind<SuiteSources> suites() {
        return new Kind<>() {
            @Override
            public SuiteSources parse(String text) {
                String trimmed = text.trim();
                if (SuiteSources.COORDINATES.matcher(trimmed).matches() && !exists(trimmed)) {
                    return new SuiteSources(List.of(), List.of(trimmed));
                }
                return new SuiteSources(Kind.PATHS.parse(text), List.of());
            }

            @Override
            public SuiteSources check(SuiteSources value) {
                Kind.ARTIFACTS.check(value.artifacts());
                return value;
            }

            @Override
            public String show(SuiteSources value) {
                return value.toString();
            }

            private static boolean exists(String text) {
                try {
                    return java.nio.file.Files.exists(Path.of(text));
                } catch (InvalidPathException e) {
                    return false;
                }
            }
        };
    }

    /** Suites as Maven coordinates {@code group:artifact:version[:classifier]}. */
    static Kind<List<String>> artifacts() {
        return new Kind<>() {
            @Override
            public List<String> parse(String text) {
                return check(List.of(text.trim()));
            }

            @Override
            public List<String> check(List<String> value) {
                for (String coordinates : value) {
                    if (!SuiteSources.COORDINATES.matcher(coordinates).matches()) {
                        throw new SettingProblem("is not group:artifact:version[:classifier]");
                    }
                }
                return value;
            }

            @Override
            public String show(List<String> value) {
                return String.join(", ", value);
            }
        };
    }

    /**
     * A Maven repository's absolute URL ({@code https://...}, {@code file:///...}); not quoted, as
     * such a URL may carry its own credential.
     */
    static Kind<List<String>> repositoryUrls() {
        return new Kind<>() {
            @Override
            public List<String> parse(String text) {
                return check(List.of(text.trim()));
            }

            @Override
            public List<String> check(List<String> value) {
                for (String url : value) {
                    try {
                        URI uri = new URI(url);
                        if (!uri.isAbsolute() || uri.isOpaque()) {
                            throw new SettingProblem("is not an absolute URL of a Maven repository");
                        }
                    } catch (URISyntaxException e) {
                        throw new SettingProblem("is not an absolute URL of a Maven repository");
                    }
                }
                return value;
            }

            @Override
            public boolean quotable() {
                return false;
            }

            @Override
            public String show(List<String> value) {
                return String.join(", ", value);
            }
        };
    }
}
