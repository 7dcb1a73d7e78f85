package dev.handoff.samples.failing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffSuite;
import dev.handoff.samples.ShopClient;
import dev.handoff.samples.sut.Json;
import dev.handoff.samples.sut.Shop;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fails on purpose, for the demo: one test expects a status the shop never gives, so it fails on
 * every attempt and fails the run, while the other test passes.
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"demo-failure"},
        maxAttempts = 2,
        description = "Fails **on purpose**: expects new orders to be `confirmed`; the shop says `created`.")
class OrderConfirmationSuite {

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

    @Test
    void confirmsNewOrders() throws Exception {
        var response = client.post("/orders", Map.of("customer", "ada", "item", "tea", "quantity", 1));

        assertThat(Json.parse(response.body())).containsEntry("status", "confirmed");
    }

    @Test
    void answersHealthCheck() throws Exception {
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }
}
