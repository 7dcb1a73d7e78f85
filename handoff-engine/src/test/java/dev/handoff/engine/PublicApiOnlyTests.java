package dev.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The engine may use only JUnit types whose {@code @API} status is STABLE, MAINTAINED or
 * EXPERIMENTAL, so that it keeps working as JUnit moves. Reads every class the engine and the API
 * module compiled, collects the JUnit types they reference, and checks each one's status.
 */
class PublicApiOnlyTests {

    private static final Pattern JUNIT_TYPE = Pattern.compile("(org/junit/[\\w/$]+)");
    private static final Set<API.Status> ALLOWED =
            Set.of(API.Status.STABLE, API.Status.MAINTAINED, API.Status.EXPERIMENTAL);

    @Test
    void engineAndApiUseOnlyPublicJUnitTypes() throws Exception {
        Set<String> referenced = new TreeSet<>();
        for (Path classes :
                List.of(classesOf(HandoffTestEngine.class), classesOf(dev.handoff.api.HandoffSuite.class))) {
            referenced.addAll(junitTypesReferencedIn(classes));
        }
        assertThat(referenced)
                .as("JUnit types referenced")
                .hasSizeGreaterThan(40)
                .contains(
                        "org/junit/jupiter/api/extension/ExtensionContext", "org/junit/platform/engine/TestDescriptor");
        assertThat(statusOf(org.junit.platform.commons.util.Preconditions.class))
                .as("the check sees INTERNAL types")
                .isEqualTo(API.Status.INTERNAL);

        var violations = new TreeMap<String, String>();
        for (String type : referenced) {
            API.Status status = statusOf(
                    Class.forName(type.replace('/', '.'), false, getClass().getClassLoader()));
            if (!ALLOWED.contains(status)) {
                violations.put(type, String.valueOf(status));
            }
        }
        assertThat(violations).as("JUnit types used that are not public API").isEmpty();
    }

    private static API.Status statusOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            API api = c.getAnnotation(API.class);
            if (api != null) {
                return api.status();
            }
        }
        return null;
    }

    /** Types named in the constant pools of the classes in a folder or jar. */
    private static Set<String> junitTypesReferencedIn(Path classes) throws IOException {
        if (Files.isRegularFile(classes)) {
            try (FileSystem jar = FileSystems.newFileSystem(classes)) {
                return junitTypesReferencedIn(jar.getPath("/"));
            }
        }
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Path local = Files.createTempFile("handoff", ".class");
                Files.copy(file, local, StandardCopyOption.REPLACE_EXISTING);
                StringWriter out = new StringWriter();
                javap.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-v", local.toString());
                Files.delete(local);
                Matcher m = JUNIT_TYPE.matcher(out.toString());
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return types;
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
