package dev.handoff.daemon.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What keeps a test's attempts apart in the {@code attempt} table's unique key: the SHA-256 of its
 * name in UTF-8, as 64 hex digits. The name itself does not fit a PostgreSQL index when it is long
 * and written in characters of several bytes. Queries match the key and the name both.
 */
public final class TestKey {

    private TestKey() {}

    public static String of(String test) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(test.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
