package dev.handoff.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the cluster benchmark, from the Debian binaries ({@code apt-get
 * install postgresql}) in a temporary folder, on a free port of 127.0.0.1 with trust
 * authentication; closing it stops it and deletes the folder. PostgreSQL refuses to run as root,
 * so as root the folder is the {@code postgres} user's and its commands run through {@code runuser}.
 * (The daemon's tests have the same helper in their own tree.)
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "handoff";

    private final Path bin;
    private final Path folder;
    private final int port;
    private final boolean asPostgresUser;

    private LocalPostgres(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Durability is off (fsync, synchronous commit): this is a benchmark of coordination, not of disks. */
    static LocalPostgres start() throws IOException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() ->
                            new IOException("no initdb under /usr/lib/postgresql/*/bin: apt-get install postgresql"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("handoff-bench-postgres-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalPostgres server = new LocalPostgres(bin, folder, port, root);
        try {
            if (root) {
                run(List.of("chown", "postgres:postgres", folder.toString()));
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
                    "-o",
                    "-p " + port + " -k " + folder
                            + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                            + " -c max_connections=200",
                    "start");
            return server;
        } catch (IOException e) {
            TempFolder.delete(folder);
            throw e;
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        try {
            command("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            System.err.println("the benchmark's PostgreSQL did not stop: " + e.getMessage());
        }
        TempFolder.delete(folder);
    }

    private void command(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + new String(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
