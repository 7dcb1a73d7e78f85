package dev.handoff.daemon.discovery;

import dev.handoff.daemon.config.SuiteSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apiguardian.api.API;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.ChainedLocalRepositoryManager;

/**
 * Suites given as Maven coordinates, {@code group:artifact:version[:classifier]}, resolved with
 * Maven Resolver (the resolver of Maven 3.9) together with their runtime dependencies, so a cluster
 * takes a new test version by changing one variable instead of building an image.
 *
 * <p>Which values are coordinates is {@code config}'s business ({@link SuiteSources}). Where from: the given repositories, else Maven Central; the user's local repository ({@code
 * ~/.m2/repository}, or {@code maven.repo.local}) is read first as a read-only tail. What is
 * downloaded is kept in the cache folder (in the data dir), which a restart reuses. What the daemon
 * provides (JUnit, Handoff's API and engine) is left out, as {@code handoff:bundle} does.
 * Credentials come from {@code HANDOFF_MAVEN_USER} and {@code HANDOFF_MAVEN_PASSWORD} and are used
 * for every repository given; they never appear in a message.
 */
@API(status = API.Status.INTERNAL)
public final class SuitesResolver {

    /** Maven Central, the default remote repository. */
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** {@code group:artifact:version[:classifier]}, as {@code --suites} tells coordinates from paths. */
    private static final Pattern COORDINATES = SuiteSources.COORDINATES;

    private static final Set<String> PROVIDED_GROUPS =
            Set.of("org.junit.platform", "org.junit.jupiter", "org.opentest4j", "org.apiguardian");
    private static final Set<String> PROVIDED_HANDOFF = Set.of("handoff-api", "handoff-engine", "handoff-daemon");

    private SuitesResolver() {}

    /**
     * The jars of the artifacts and their runtime dependencies, minus what the daemon provides.
     *
     * @param repositories remote repository URLs; empty for Maven Central
     * @param cache where downloads are kept
     * @param env the process's environment, for credentials
     * @throws IllegalArgumentException in one line naming the coordinates and the repositories tried
     */
    public static List<Path> resolve(
            List<String> coordinates, List<String> repositories, Path cache, Map<String, String> env) {
        if (coordinates.isEmpty()) {
            return List.of();
        }
        List<String> urls = repositories.isEmpty() ? List.of(CENTRAL) : repositories;
        List<RemoteRepository> remotes = remotes(urls, env);
        Path localRepository = localRepository();
        List<Path> jars = new ArrayList<>();
        try (RepositorySystemHandle handle = new RepositorySystemHandle()) {
            DefaultRepositorySystemSession session = session(handle.system, cache, localRepository);
            for (String value : coordinates) {
                jars.addAll(resolveOne(handle.system, session, value, remotes, urls, localRepository));
            }
        }
        return jars.stream().distinct().toList();
    }

    private static List<Path> resolveOne(
            RepositorySystem system,
            DefaultRepositorySystemSession session,
            String value,
            List<RemoteRepository> remotes,
            List<String> urls,
            Path localRepository) {
        Matcher parts = COORDINATES.matcher(value);
        if (!parts.matches()) {
            throw new IllegalArgumentException(
                    "suites '" + value + "' are neither a path nor group:artifact:version[:classifier]");
        }
        Artifact artifact = new DefaultArtifact(
                parts.group(1),
                parts.group(2),
                Optional.ofNullable(parts.group(4)).orElse(""),
                "jar",
                parts.group(3));
        CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), remotes);
        try {
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(
                            session, new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime")))
                    .getArtifactResults()) {
                Artifact resolved = result.getArtifact();
                if (!providedByDaemon(resolved) && resolved.getFile() != null) {
                    jars.add(resolved.getFile().toPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot resolve suites " + value + " from " + String.join(", ", urls)
                            + (Files.isDirectory(localRepository) ? " and the local repository " + localRepository : "")
                            + ": " + firstLine(e),
                    e);
        }
    }

    private static boolean providedByDaemon(Artifact artifact) {
        return PROVIDED_GROUPS.contains(artifact.getGroupId())
                || (artifact.getGroupId().equals("dev.handoff") && PROVIDED_HANDOFF.contains(artifact.getArtifactId()));
    }

    private static List<RemoteRepository> remotes(List<String> urls, Map<String, String> env) {
        Optional<String> user = Optional.ofNullable(env.get("HANDOFF_MAVEN_USER"));
        List<RemoteRepository> remotes = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            RemoteRepository.Builder builder = new RemoteRepository.Builder(
                            url.equals(CENTRAL) ? "central" : "suites-" + (i + 1), "default", url)
                    .setPolicy(new RepositoryPolicy(
                            true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_WARN));
            user.ifPresent(name -> builder.setAuthentication(new AuthenticationBuilder()
                    .addUsername(name)
                    .addPassword(env.getOrDefault("HANDOFF_MAVEN_PASSWORD", ""))
                    .build()));
            remotes.add(builder.build());
        }
        return remotes;
    }

    private static DefaultRepositorySystemSession session(RepositorySystem system, Path cache, Path localRepository) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        LocalRepositoryManager head = system.newLocalRepositoryManager(session, new LocalRepository(cache.toFile()));
        if (Files.isDirectory(localRepository)) {
            LocalRepositoryManager tail =
                    system.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile()));
            session.setLocalRepositoryManager(new ChainedLocalRepositoryManager(head, List.of(tail), true));
        } else {
            session.setLocalRepositoryManager(head);
        }
        return session;
    }

    private static Path localRepository() {
        return Optional.ofNullable(System.getProperty("maven.repo.local"))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** The repository system, shut down (its thread pools) once resolution is done. */
    private static final class RepositorySystemHandle implements AutoCloseable {
        final RepositorySystem system = new RepositorySystemSupplier().get();

        @Override
        public void close() {
            system.shutdown();
        }
    }
}
