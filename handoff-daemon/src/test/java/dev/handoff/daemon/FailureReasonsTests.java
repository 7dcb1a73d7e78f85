package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.InvocationFailureSuite;
import dev.handoff.daemon.fixtures.StaticInitSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed test always says why, over HTTP as a user reads it: in the run, in its attempts and in the JUnit XML. */
class FailureReasonsTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        handoff = Daemons.started(Daemons.local(dataDir, InvocationFailureSuite.class, StaticInitSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void parameterizedTestThatFailedShowsItsFailingInvocationAndReason() {
        long number = http.trigger("InvocationFailureSuite", "filter=ordersEachItem");

        JsonNode run = http.awaitFinished("InvocationFailureSuite", number);
        JsonNode attempts = http.get("/suites/InvocationFailureSuite/runs/" + number + "/tests/ordersEachItem")
                .json()
                .get("attempts");

        JsonNode test = named(run, "ordersEachItem");
        assertThat(test.get("result").asText()).isEqualTo("failed");
        assertThat(test.get("failure").get("message").asText()).isEqualTo("orders coffee: coffee is out of stock");
        assertThat(test.get("failure").get("stackTrace").asText()).contains("InvocationFailureSuite.ordersEachItem");
        assertThat(attempts).extracting(a -> a.get("result").asText()).containsExactly("retrying", "failed");
        assertThat(attempts)
                .extracting(a -> a.get("failure").get("message").asText())
                .containsOnly("orders coffee: coffee is out of stock");
        assertThat(http.get("/suites/InvocationFailureSuite/runs/" + number + "/junit.xml")
                        .body())
                .contains("orders coffee: coffee is out of stock");
    }

    @Test
    void missingClassIsNamedAsOneWithWhereItsJarBelongs() {
        long number = http.trigger("InvocationFailureSuite", "filter=usesALibrary");

        JsonNode test = named(http.awaitFinished("InvocationFailureSuite", number), "usesALibrary");

        assertThat(test.get("failure").get("message").asText())
                .isEqualTo(
                        "NoClassDefFoundError: org/acme/shop/ShopClient (a class the suite needs is missing: put its jar on the suites path)");
    }

    @Test
    void classThatCouldNotBeInitializedPointsAtItsStaticInitializersFirstFailure() {
        long number = http.trigger("StaticInitSuite", "");

        JsonNode run = http.awaitFinished("StaticInitSuite", number);

        assertThat(failureOf(run, "readsTheSettingsFirst"))
                .isEqualTo("ExceptionInInitializerError: a static initializer failed: "
                        + "java.lang.IllegalStateException: SHOP_URL is not set");
        assertThat(failureOf(run, "readsTheSettingsAgain"))
                .startsWith(
                        "NoClassDefFoundError: Could not initialize class " + StaticInitSuite.class.getName()
                                + "$ShopSettings (its static initializer failed earlier in this JVM, which refuses the class "
                                + "from then on; the first failure: Exception java.lang.IllegalStateException: SHOP_URL is not set")
                .doesNotContain("put its jar on the suites path");
    }

    private static String failureOf(JsonNode run, String test) {
        for (JsonNode each : run.get("tests")) {
            if (each.get("name").asText().equals(test)) {
                return each.get("failure").get("message").asText();
            }
        }
        throw new AssertionError("no test " + test + " in " + run);
    }

    /** The run's test of this name: the tests its filter left out are listed too, skipped. */
    private static JsonNode named(JsonNode run, String name) {
        for (JsonNode test : run.get("tests")) {
            if (test.get("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test " + name + " in " + run);
    }
}
