package dev.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.api.internal.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTests {

    @ParameterizedTest
    @CsvSource({
        "500ms,PT0.5S",
        "30s,PT30S",
        "5m,PT5M",
        "1h30m,PT1H30M",
        "2d,PT48H",
        "PT2M,PT2M",
        "pt90s,PT1M30S",
        " 5m ,PT5M"
    })
    void readsTheFormsUsersWrite(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 minutes", "m5", "5x", "-5s", "PT-5S", "1h 30m", "99999999999999999999s"})
    void rejectsEverythingElseQuotingTheInput(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration: use forms like 500ms, 30s, 5m, 1h30m or ISO-8601 PT2M");
    }

    @ParameterizedTest
    @CsvSource({"PT5M,5m", "PT1H30M,1h30m", "PT1.5S,1500ms", "PT0S,0ms", "PT48H,2d"})
    void formatsShortly(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
