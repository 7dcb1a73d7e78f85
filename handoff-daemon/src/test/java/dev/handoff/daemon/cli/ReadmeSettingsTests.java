package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.config.Setting;
import dev.handoff.daemon.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's tables of {@code serve}'s options stay true to the settings' declarations. */
class ReadmeSettingsTests {

    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

    @Test
    void everySettingHasARowWithItsFlagAndVariable() throws IOException {
        List<String> rows = rows();

        for (Setting<?> setting : Settings.textual()) {
            assertThat(row(rows, setting))
                    .as("a README table row with `%s` and `%s`", setting.flag(), setting.variable())
                    .isPresent();
        }
    }

    @Test
    void theDefaultsInTheDaemonsTableAreTheDeclaredOnes() throws IOException {
        List<String> rows = rows();

        for (Setting<?> setting : Settings.textual()) {
            row(rows, setting)
                    .map(row -> row.split("\\|"))
                    .filter(cells -> cells.length == 6 && cells[3].strip().matches("`[^`]*`"))
                    .ifPresent(cells -> assertThat(cells[3].strip())
                            .as(setting.flag())
                            .isEqualTo("`" + setting.defaultText() + "`"));
        }
    }

    private static Optional<String> row(List<String> rows, Setting<?> setting) {
        return rows.stream()
                .filter(row -> row.contains("`" + setting.flag() + "`") || row.contains("`" + setting.flag() + " "))
                .filter(row -> row.contains("`" + setting.variable() + "`"))
                .findFirst();
    }

    private static List<String> rows() throws IOException {
        return Files.readAllLines(README).stream()
                .filter(line -> line.startsWith("| `--"))
                .toList();
    }
}
