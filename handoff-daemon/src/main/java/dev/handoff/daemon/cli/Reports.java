package dev.handoff.daemon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the report files the commands are asked for ({@code --junit-xml}, {@code --json}), creating their folders. */
final class Reports {

    private Reports() {}

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
        return new CliException("cannot write %s file '%s': %s".formatted(option, file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
}
