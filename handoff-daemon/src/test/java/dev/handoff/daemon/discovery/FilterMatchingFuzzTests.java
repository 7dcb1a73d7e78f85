package dev.handoff.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Fuzzes filters against test names: the bounded matching either gives the answer the plain JDK
 * matcher gives, or stops as too costly; it never hangs or fails otherwise. A plain build runs the
 * stored inputs only; {@code JAZZER_FUZZ=1} fuzzes (README).
 */
class FilterMatchingFuzzTests {

    @FuzzTest(maxDuration = "20s")
    void boundedMatchingAgreesWithTheJdkOrStops(FuzzedDataProvider data) {
        String filter = data.consumeString(200);
        List<String> names = new ArrayList<>();
        int count = data.consumeInt(1, 5);
        for (int i = 0; i < count; i++) {
            names.add(data.consumeString(60));
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            return;
        }
        try {
            boolean found = FilterMatching.anyFound(pattern, names);
            assertThat(found)
                    .isEqualTo(names.stream()
                            .anyMatch(name -> pattern.matcher(name).find()));
        } catch (FilterMatching.TooCostly e) {
            assertThat(e).isNotNull();
        }
    }
}
