package dev.handoff.daemon.store;

import dev.handoff.daemon.model.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logs as stored: GZIP-compressed UTF-8, and no bytes at all for an empty log. GZIP rather than a
 * bare deflate stream so that a blob copied out of the database opens with {@code gunzip}.
 */
final class Gzip {

    private Gzip() {}

    /** @return null for an empty text */
    static byte[] compress(String text) {
        if (text.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, text.length() / 8));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the empty text for null */
    static String decompress(byte[] compressed) {
        if (compressed == null) {
            return "";
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("a stored log is not valid GZIP: " + e.getMessage(), e);
        }
    }
}
