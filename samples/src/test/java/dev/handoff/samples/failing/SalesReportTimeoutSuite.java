package dev.handoff.samples.failing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffSuite;
import dev.handoff.samples.ShopExtension;
import dev.handoff.samples.sut.Shop;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fails on purpose, for the demo: the sales report hangs past the suite's 2s timeout, which fails
 * the hanging test and the one that never got to start.
 */
@HandoffSuite(
        namespace = "shop",
        labels = {"demo-failure"},
        timeout = "2s",
        description = "Fails **on purpose**: the sales report hangs for a minute; the suite allows `2s`.")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalesReportTimeoutSuite {

    @RegisterExtension
    static final ShopExtension shop = ShopExtension.with(new Shop.Options(0, Duration.ofMinutes(1)));

    @Test
    @Order(1)
    void reportsSales() throws Exception {
        assertThat(shop.client().get("/reports/sales").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void answersHealthCheck() throws Exception {
        assertThat(shop.client().get("/health").statusCode()).isEqualTo(200);
    }
}
