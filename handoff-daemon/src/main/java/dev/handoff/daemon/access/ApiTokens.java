package dev.handoff.daemon.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The API tokens a daemon accepts, read from a file of lines {@code ROLE TOKEN [NAME]}: {@code
 * ROLE} is {@code read}, {@code trigger} or {@code admin}; {@code TOKEN} is at least {@value
 * #MIN_LENGTH} characters of letters, digits and {@code -._~+/=} (such as {@code openssl rand -hex
 * 32} prints); {@code NAME} says whose token it is in logs (default {@code token-LINE}). Blank lines
 * and lines starting with {@code #} are ignored.
 *
 * <p>Only SHA-256 hashes of the tokens are kept, and a presented token is compared with every one
 * of them by {@link MessageDigest#isEqual}, which takes the same time wherever the bytes differ:
 * neither a heap dump nor response times give a token away. Messages about the file name its
 * line, never its token.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ApiTokens {

    public static final int MIN_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");
    private static final ApiTokens NONE = new ApiTokens(List.of());

    private record Entry(byte[] hash, Caller caller) {}

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: the API is open. */
    public static ApiTokens none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException naming the file and line of what is wrong (a missing file,
     *     an unknown role, a short or repeated token, a file without tokens)
     */
    public static ApiTokens load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("API tokens file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read API tokens file '" + file + "': " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "API tokens file '%s' line %d".formatted(file, i + 1);
            String[] parts = line.split("\\s+", 3);
            Role role = Role.fromLabel(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException(where + ": role '" + parts[0] + "' must be one of "
                            + Role.LABELS + " (lines are ROLE TOKEN [NAME])"));
            if (parts.length < 2) {
                throw new IllegalArgumentException(
                        where + ": a token must follow the role (lines are ROLE TOKEN [NAME])");
            }
            String token = parts[1];
            if (token.length() < MIN_LENGTH || !TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException(where + ": the token must be at least " + MIN_LENGTH
                        + " characters of letters, digits and -._~+/= (try: openssl rand -hex 32)");
            }
            String hash = java.util.HexFormat.of().formatHex(sha256(token));
            if (!seen.add(hash)) {
                throw new IllegalArgumentException(where + ": the token is given twice; each token has one role");
            }
            String name = parts.length == 3 ? parts[2] : "token-" + (i + 1);
            entries.add(new Entry(sha256(token), new Caller(name, role)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(
                    "API tokens file '" + file + "' has no tokens; lines are ROLE TOKEN [NAME]");
        }
        return new ApiTokens(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The caller this token belongs to; every stored hash is compared, so the time taken tells nothing. */
    public Optional<Caller> authenticate(String token) {
        return authenticateHash(sha256(token));
    }

    /**
     * The caller whose token has this SHA-256 ({@link #hash}): what a login session keeps instead of
     * the token. Every stored hash is compared.
     */
    public Optional<Caller> authenticateHash(byte[] hash) {
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A token's SHA-256, as this class keeps it. */
    public static byte[] hash(String token) {
        return sha256(token);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Says how many tokens, never which. */
    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " tokens]";
    }
}
