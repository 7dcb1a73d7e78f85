package dev.handoff.samples.failing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffSuite;
import dev.handoff.samples.ShopExtension;
import dev.handoff.samples.sut.Json;
import dev.handoff.samples.sut.Shop;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final ShopExtension shop = ShopExtension.with(Shop.Options.healthy());

    @Test
    void confirmsNewOrders() throws Exception {
        var response = shop.client().post("/orders", Map.of("customer", "ada", "item", "tea", "quantity", 1));

        assertThat(Json.parse(response.body())).containsEntry("status", "confirmed");
    }

    @Test
    void answersHealthCheck() throws Exception {
        assertThat(shop.client().get("/health").statusCode()).isEqualTo(200);
    }
}
