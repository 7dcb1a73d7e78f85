package dev.handoff.daemon.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * What keeps a test's attempts apart in the {@code attempt} table's unique key: the SHA-256 of its
 * name in UTF-8, as 64 hex digits. The name itself does not fit a PostgreSQL index when it is long
 * and written in characters of several bytes. Queries match the key and the name both.
 */
@API(status = API.Status.INTERNAL)
public final class TestKey {

    /**
     * A digest per thread: {@link MessageDigest#getInstance} looks the algorithm up among the
     * providers and checks it against the security policy at every call, which cost more than the
     * hash itself when every stored attempt needs one.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TestKey::sha256);

    private static final HexFormat HEX = HexFormat.of();

    private TestKey() {}

    public static String of(String test) {
        // digest() resets the digest, so the thread's next key starts afresh.
        return HEX.formatHex(SHA_256.get().digest(test.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
