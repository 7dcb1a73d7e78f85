package dev.handoff.daemon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writing the report files the commands are asked for ({@code --junit-xml}, {@code --json}), creating their folders. */
final class Reports {

    private Reports() {}

    /**
     * Refuses, before anything runs, a report path that can never be written: a folder, or a file
     * inside something that is not a folder. Finding out after a long run would lose its report.
     */
    static void checkWritable(Path file, String option) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new CliException("%s '%s' is a folder: give a file name, such as %s"
                    .formatted(
                            option,
                            file,
                            file.resolve(option.equals("--junit-xml") ? "TEST-handoff.xml" : "run.json")));
        }
        for (Path parent = file.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new CliException(
                            "%s '%s' cannot be written: '%s' is a file, not a folder".formatted(option, file, parent));
                }
                break;
            }
        }
        probe(file, option);
    }

    /**
     * Opens the file for appending, as the report will be written, and removes it again if it was
     * not there: permissions, read-only mounts and full disks speak now rather than after the run.
     */
    private static void probe(Path file, String option) {
        boolean existed = Files.exists(file);
        try {
            createParent(file);
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    .close();
            if (!existed) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw cannotWrite(file, option, e);
        }
    }

    static void write(Path file, String option, String content) {
        try {
            createParent(file);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, option, e);
        }
    }

    static void move(Path from, Path file, String option) {
        try {
            createParent(file);
            Files.move(from, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw cannotWrite(file, option, e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static CliException cannotWrite(Path file, String option, IOException e) {
        return new CliException(
                "cannot write %s file '%s': %s"
                        .formatted(
                                option,
                                file,
                                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                e);
    }
}
