package dev.handoff.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The declarations every door is derived from: complete, and each name once. */
class SettingsTests {

    @Test
    void everyDeclaredSettingIsListed() {
        List<Object> declared = Arrays.stream(Settings.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class)
                .map(field -> {
                    try {
                        return field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();

        assertThat(declared).hasSize(Settings.ALL.size()).containsExactlyInAnyOrderElementsOf(Settings.ALL);
    }

    @Test
    void eachKeyFlagAndVariableNamesOneSetting() {
        List<Setting<?>> textual = Settings.textual();

        assertThat(textual.stream().map(Setting::key)).doesNotHaveDuplicates();
        assertThat(textual.stream().map(Setting::variable)).doesNotHaveDuplicates();
        assertThat(textual.stream().flatMap(setting -> setting.formerVariables().stream()))
                .doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(
                        textual.stream().map(Setting::variable).toList());
    }

    @Test
    void theFlagVariableAndBuilderMethodComeFromTheKey() {
        assertThat(Settings.MAX_CONCURRENT_RUNS.flag()).isEqualTo("--max-concurrent-runs");
        assertThat(Settings.MAX_CONCURRENT_RUNS.variable()).isEqualTo("HANDOFF_MAX_CONCURRENT_RUNS");
        assertThat(Settings.MAX_CONCURRENT_RUNS.method()).isEqualTo("maxConcurrentRuns");
    }

    @Test
    void everyDefaultPassesItsOwnCheck() {
        for (Setting<?> setting : Settings.textual()) {
            assertDefaultPasses(setting);
        }
    }

    @Test
    void theDistanceBehindDidYouMeanCountsEdits() {
        assertThat(TextSources.distance("HANDOFF_PROT", "HANDOFF_PORT")).isEqualTo(2);
        assertThat(TextSources.distance("HANDOFF_PORT", "HANDOFF_PORT")).isZero();
        assertThat(TextSources.distance("HANDOFF_DATA_DIRS", "HANDOFF_DATA_DIR"))
                .isEqualTo(1);
    }

    private static <T> void assertDefaultPasses(Setting<T> setting) {
        if (setting.defaultValue() != null) {
            assertThat(setting.kind().check(setting.defaultValue()))
                    .as(setting.key())
                    .isEqualTo(setting.defaultValue());
        }
    }
}
