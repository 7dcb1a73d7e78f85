package dev.handoff.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.api.SoftFailure;
import dev.handoff.samples.sut.Json;
import dev.handoff.samples.sut.Shop;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Soft failures: checks of behaviour the shop does not have yet. They fail, are recorded, and do
 * not fail the run; one always ({@link SoftFailure}), one unless the run asks to be strict ({@link
 * HandoffContext#softFailure()}).
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"known-gaps", "team=catalogue"},
        description = """
                Watches **known gaps** before they gate deploys: these tests fail as *soft failures*.
                Run parameter `strict=true` makes the recommendation check fail hard.
                """)
class ShopKnownGapsSuite {

    @RegisterExtension
    static final ShopExtension shop = ShopExtension.with(Shop.Options.healthy());

    @Test
    @SoftFailure
    void rejectsItemsNotInTheCatalogue() throws Exception {
        var response = shop.client().post("/orders", Map.of("customer", "ada", "item", "unicorn", "quantity", 1));

        assertThat(response.statusCode()).as("status of an order for a unicorn").isEqualTo(400);
    }

    @Test
    void recommendationsArePersonal(HandoffContext context) throws Exception {
        if (!context.parameter("strict").map(Boolean::parseBoolean).orElse(false)) {
            context.softFailure();
        }

        String forAda = recommendationFor("ada");
        String forBob = recommendationFor("bob");

        assertThat(forAda).as("recommendation for ada, compared with bob's").isNotEqualTo(forBob);
    }

    @Test
    void acceptsOrders() throws Exception {
        var response = shop.client().post("/orders", Map.of("customer", "ada", "item", "tea", "quantity", 1));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    private static String recommendationFor(String customer) throws Exception {
        return Json.parse(shop.client()
                        .get("/recommendations?customer=" + customer)
                        .body())
                .get("item");
    }
}
