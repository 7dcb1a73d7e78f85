package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handoff.daemon.model.InvalidParameterException;
import io.helidon.http.HttpMediaType;
import java.util.Optional;

/**
 * Fuzzes the reading of a trigger's body (JSON or form): whatever the bytes, the result is the
 * fields or a refusal naming the part at fault, never another exception. A plain build runs the
 * inputs stored under {@code TriggerBodyFuzzTestsInputs}; {@code JAZZER_FUZZ=1} fuzzes (README).
 */
class TriggerBodyFuzzTests {

    private static final String[] TYPES = {
        "application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=latin1"
    };

    @FuzzTest(maxDuration = "20s")
    void aBodyIsReadOrRefusedNamingItsFault(FuzzedDataProvider data) {
        Optional<HttpMediaType> type =
                data.consumeBoolean() ? Optional.of(HttpMediaType.create(data.pickValue(TYPES))) : Optional.empty();
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            TriggerRequests.Body body = TriggerRequests.body(bytes, type);
            assertThat(body.texts().keySet()).isSubsetOf("filter", "ref", "initiatedBy");
            assertThat(body.texts().values())
                    .allSatisfy(text -> assertThat(text).isNotEmpty());
        } catch (InvalidParameterException e) {
            assertThat(e.parameter()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank();
        } catch (ProblemException e) {
            assertThat(e.status().code()).isEqualTo(415);
            assertThat(e.parameter()).isEqualTo("Content-Type");
        }
    }
}
