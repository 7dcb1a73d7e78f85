package dev.handoff.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.api.MaxAttempts;
import dev.handoff.samples.sut.Json;
import dev.handoff.samples.sut.Shop;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attempts at work: a flaky test that passes on its second attempt, and a test that times out on
 * its first attempt and passes on its second. Both end as passed (and flaky), so the run passes.
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"resilience", "team=checkout"},
        description = """
                Shows **retries**: the shop is degraded during the first attempt (recommendations
                fail once, the sales report hangs), and the failed tests pass when retried.
                """)
class ShopRetrySuite {

    private static Shop shop;
    private static ShopClient client;

    /**
     * The engine runs suite setup again before each retry round, so each attempt talks to a fresh
     * shop. The first round's shop is degraded, as a real environment now and then is; later
     * rounds get a healthy one. That makes the retries in this suite deterministic.
     */
    @BeforeAll
    static void startShop(HandoffContext context) throws IOException {
        Shop.Options options =
                context.attempt() == 1 ? new Shop.Options(1, Duration.ofMinutes(1)) : Shop.Options.healthy();
        shop = Shop.start(options);
        client = new ShopClient(shop.uri());
        context.log("attempt %d: shop started at %s with %s", context.attempt(), shop.uri(), options);
    }

    @AfterAll
    static void stopShop() {
        client.close();
        shop.close();
    }

    @Test
    @MaxAttempts(3)
    void recommendsAnItem(HandoffContext context) throws Exception {
        HttpResponse<String> response = client.get("/recommendations");
        context.log("attempt %d: %d %s", context.attempt(), response.statusCode(), response.body());

        assertThat(response.statusCode()).as("status of GET /recommendations").isEqualTo(200);
        assertThat(Json.parse(response.body())).containsKey("item");
    }

    @Test
    @MaxAttempts(2)
    @Timeout(1)
    void salesReportAnswersWithinASecond() throws Exception {
        HttpResponse<String> response = client.get("/reports/sales");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body())).containsEntry("orders", "0");
    }
}
