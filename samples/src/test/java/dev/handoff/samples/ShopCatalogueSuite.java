package dev.handoff.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.samples.sut.Shop;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real-world test shapes: overloaded test methods ({@code readsOrder()} and {@code
 * readsOrder(String)} are two tests), parameterized, repeated and dynamic tests whose every
 * invocation prints (each invocation keeps its own output, and one fails its first attempt), and a
 * class hierarchy nested in the suite ({@code Page.Health extends Page}), which discovery must
 * walk without going round in circles.
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"team=catalogue"},
        maxAttempts = 2,
        description = "Reads orders and pages the way real suites do: overloads, invocations, nested hierarchies.")
class ShopCatalogueSuite {

    private static Shop shop;
    private static ShopClient client;

    @BeforeAll
    static void startShop() throws IOException {
        shop = Shop.start(Shop.Options.healthy());
        client = new ShopClient(shop.uri());
    }

    @AfterAll
    static void stopShop() {
        client.close();
        shop.close();
    }

    @BeforeEach
    void announce() {
        System.out.println("catalogue: next check");
    }

    @Test
    void readsOrder() throws Exception {
        assertThat(client.get("/orders/999").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"998", "999"})
    void readsOrder(String id) throws Exception {
        System.out.println("reading order " + id);
        assertThat(client.get("/orders/" + id).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tea", "cake"})
    void checksStock(String item, HandoffContext context) {
        System.out.println("checking stock of " + item + " on attempt " + context.attempt());
        // The stock service is slow to warm up: cake is not there on a first attempt.
        assertThat(item.equals("cake") && context.attempt() == 1)
                .as("%s in stock", item)
                .isFalse();
    }

    @RepeatedTest(2)
    void answersHealthCheckRepeatedly(RepetitionInfo repetition) throws Exception {
        System.out.println("health check " + repetition.getCurrentRepetition());
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> pages() {
        return Stream.of(new Page.Health(), new Page.Order())
                .map(page -> DynamicTest.dynamicTest(page.path(), () -> {
                    System.out.println("opening " + page.path());
                    assertThat(client.get(page.path()).statusCode()).isEqualTo(page.expectedStatus());
                }));
    }

    /** A page of the shop; its kinds are nested subclasses, as real code often has them. */
    abstract static class Page {
        abstract String path();

        abstract int expectedStatus();

        static final class Health extends Page {
            @Override
            String path() {
                return "/health";
            }

            @Override
            int expectedStatus() {
                return 200;
            }
        }

        static final class Order extends Page {
            @Override
            String path() {
                return "/orders/999";
            }

            @Override
            int expectedStatus() {
                return 404;
            }
        }
    }
}
