package dev.handoff.samples.failing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.samples.ShopClient;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fails on purpose, for the demo: suite setup cannot reach the shop, so the suite fails and its
 * tests are skipped with the setup's reason.
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"demo-failure"},
        description = """
                Fails **on purpose**: setup checks a shop at run parameter `shopUrl` (default
                `http://127.0.0.1:1`, where nothing listens), so every test is skipped.
                """)
class ShopDownSuite {

    private static ShopClient client;

    @BeforeAll
    static void checkShop(HandoffContext context) throws Exception {
        URI shopUrl = URI.create(context.parameter("shopUrl").orElse("http://127.0.0.1:1"));
        client = new ShopClient(shopUrl);
        context.log("checking the shop at %s", shopUrl);
        try {
            client.get("/health");
        } catch (ConnectException e) {
            throw new IllegalStateException("shop at " + shopUrl + " is unreachable", e);
        }
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void answersHealthCheck() throws Exception {
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownOrderIsNotFound() throws Exception {
        assertThat(client.get("/orders/999").statusCode()).isEqualTo(404);
    }
}
