package dev.handoff.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.daemon.model.Suite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.project.MavenProject;

/**
 * The bundle's {@code handoff-bundle.json}: what a person or a deployment tool reads to know which
 * suites a bundle holds and what it was built from. The daemon needs only the file's presence.
 *
 * @param artifact {@code groupId:artifactId:version} of the module
 * @param commit the commit it was built from, when built in a git work tree
 * @param jars the dependency jars under {@code lib/}
 */
record BundleIndex(
        String artifact,
        String version,
        Optional<String> commit,
        Instant builtAt,
        String handoffVersion,
        List<BundleSuite> suites,
        List<String> jars) {

    /** One suite: its name and class. */
    record BundleSuite(String name, String className) {}

    BundleIndex {
        suites = List.copyOf(suites);
        jars = List.copyOf(jars);
    }

    static BundleIndex of(
            MavenProject project,
            String handoffVersion,
            Optional<String> commit,
            Instant builtAt,
            List<Suite> suites,
            List<String> jars) {
        return new BundleIndex(
                project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(),
                project.getVersion(),
                commit,
                builtAt,
                handoffVersion,
                suites.stream()
                        .map(s -> new BundleSuite(s.name(), s.className()))
                        .toList(),
                jars);
    }

    List<String> suiteNames() {
        return suites.stream().map(BundleSuite::name).toList();
    }

    void write(Path file) throws IOException {
        new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), this);
    }
}
