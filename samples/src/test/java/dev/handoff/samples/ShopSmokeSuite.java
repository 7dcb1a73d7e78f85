package dev.handoff.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.api.Span;
import dev.handoff.samples.sut.Json;
import dev.handoff.samples.sut.Shop;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shop's basic contract. Shows suite metadata (name, namespace, labels, a Markdown
 * description), run parameters with defaults, spans, values and log lines, and a parameterized
 * test.
 */
@HandoffSuite(
        name = "shop-smoke",
        namespace = "shop",
        labels = {"smoke", "team=checkout"},
        description = """
                Checks the shop's **basic contract**, quick enough to run after every deploy:

                - `GET /health` answers
                - an order placed with `POST /orders` can be read back
                - invalid orders are rejected with `400`

                Run parameter `customer` names who places the order (default `ada`).
                """)
class ShopSmokeSuite {

    private static Shop shop;
    private static ShopClient client;

    @BeforeAll
    static void startShop(HandoffContext context) throws IOException {
        shop = Shop.start(Shop.Options.healthy());
        client = new ShopClient(shop.uri());
        context.log("shop started at %s", shop.uri());
    }

    @AfterAll
    static void stopShop() {
        client.close();
        shop.close();
    }

    @Test
    void answersHealthCheck() throws Exception {
        HttpResponse<String> response = client.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body())).containsEntry("status", "up");
    }

    @Test
    void placesAndReadsBackAnOrder(HandoffContext context) throws Exception {
        String customer = context.parameter("customer").orElse("ada");

        HttpResponse<String> placed;
        try (Span span = context.startSpan("place order", "customer", customer, "item", "tea")) {
            // The trace headers name this span: the shop's log lines for the order carry the attempt's trace id.
            placed = client.post(
                    "/orders", Map.of("customer", customer, "item", "tea", "quantity", 2), context.traceHeaders());
            span.put("status", placed.statusCode());
        }
        assertThat(placed.statusCode()).as("status of POST /orders").isEqualTo(201);
        context.traceId()
                .ifPresent(traceId -> assertThat(shop.traceIds())
                        .as("trace ids the shop received")
                        .contains(traceId));
        String location = placed.headers().firstValue("Location").orElseThrow();
        context.setValue("order", location);
        context.log("placed %s for %s", location, customer);

        HttpResponse<String> read;
        try (Span span = context.startSpan("read order", "path", location)) {
            read = client.get(location);
            span.put("status", read.statusCode());
        }
        assertThat(read.statusCode()).as("status of GET %s", location).isEqualTo(200);
        assertThat(Json.parse(read.body()))
                .containsEntry("customer", customer)
                .containsEntry("item", "tea")
                .containsEntry("quantity", "2")
                .containsEntry("status", "created");
    }

    @ParameterizedTest(name = "rejects an order when {3}")
    @CsvSource(textBlock = """
            '',  tea, 1, customer is required
            ada, '',  1, item is required
            ada, tea, 0, quantity must be at least 1
            """)
    void rejectsInvalidOrders(String customer, String item, int quantity, String error) throws Exception {
        HttpResponse<String> response =
                client.post("/orders", Map.of("customer", customer, "item", item, "quantity", quantity));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body())).containsEntry("error", error);
    }

    @Test
    void unknownOrderIsNotFound() throws Exception {
        assertThat(client.get("/orders/999").statusCode()).isEqualTo(404);
    }
}
