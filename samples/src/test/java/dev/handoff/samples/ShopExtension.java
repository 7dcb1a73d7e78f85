package dev.handoff.samples;

import dev.handoff.samples.sut.Shop;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a shop before a suite's tests and stops it after them. A plain JUnit extension: suites
 * register it with {@code @RegisterExtension} exactly as Jupiter classes do, and it runs again for
 * every retry round, like {@code @BeforeAll}.
 */
public final class ShopExtension implements BeforeAllCallback, AfterAllCallback {

    private final Shop.Options options;
    private Shop shop;
    private ShopClient client;

    private ShopExtension(Shop.Options options) {
        this.options = options;
    }

    /** A shop started with these options. */
    public static ShopExtension with(Shop.Options options) {
        return new ShopExtension(options);
    }

    /** A client of the running shop. */
    public ShopClient client() {
        if (client == null) {
            throw new IllegalStateException("the shop runs only while the suite's tests run");
        }
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        shop = Shop.start(options);
        client = new ShopClient(shop.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (shop != null) {
            shop.close();
            shop = null;
        }
    }
}
