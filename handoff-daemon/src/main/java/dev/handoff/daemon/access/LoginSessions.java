package dev.handoff.daemon.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The browsers logged in with a token: each holds a random session id in its cookie, never the
 * token. A session lasts {@link #IDLE_LIFETIME} after its last use, ends when its browser logs out,
 * and a new one is made at every login. Only a SHA-256 hash of the id is stored, with the hash of
 * the token it was opened with: a session ends too once its token is taken out of the tokens file.
 *
 * <p>Several replicas share sessions through their database; {@link #inMemory()} serves a daemon
 * (or a test) without one.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface LoginSessions {

    /** How long a session lasts after its last use. */
    Duration IDLE_LIFETIME = Duration.ofHours(12);

    /**
     * How stale a session's expiry may be before a use writes it again: a page polled every second
     * writes at most once a minute.
     */
    Duration EXTEND_AFTER = Duration.ofMinutes(1);

    /** A live session: the hash of the token it was opened with, and whether this use extended it. */
    @API(status = API.Status.EXPERIMENTAL)
    record Session(byte[] tokenHash, Instant expiresAt, boolean extended) {}

    /**
     * Opens a session for the holder of the token with this hash; returns its id, the cookie's value.
     */
    String open(byte[] tokenHash, Instant now);

    /** The session with this id, its lifetime extended from {@code now}; empty when unknown, expired or ended. */
    Optional<Session> use(String id, Instant now);

    /** Ends the session with this id (a logout); an unknown id is ignored. */
    void end(String id);

    /** A fresh id: 32 random bytes, URL-safe Base64 (43 characters). */
    static String newId() {
        byte[] bytes = new byte[32];
        Holder.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of an id: its SHA-256, in hex. */
    static String idHash(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Sessions of this process only: for a daemon built without a database, and for tests. */
    static LoginSessions inMemory() {
        return new LoginSessions() {
            private record Stored(byte[] tokenHash, Instant expiresAt) {}

            private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

            @Override
            public String open(byte[] tokenHash, Instant now) {
                sessions.values().removeIf(stored -> !stored.expiresAt().isAfter(now));
                String id = newId();
                sessions.put(idHash(id), new Stored(tokenHash.clone(), now.plus(IDLE_LIFETIME)));
                return id;
            }

            @Override
            public Optional<Session> use(String id, Instant now) {
                String key = idHash(id);
                Stored stored = sessions.get(key);
                if (stored == null || !stored.expiresAt().isAfter(now)) {
                    sessions.remove(key);
                    return Optional.empty();
                }
                Instant renewed = now.plus(IDLE_LIFETIME);
                boolean extend = stored.expiresAt().plus(EXTEND_AFTER).isBefore(renewed);
                if (extend) {
                    sessions.put(key, new Stored(stored.tokenHash(), renewed));
                }
                return Optional.of(new Session(stored.tokenHash(), extend ? renewed : stored.expiresAt(), extend));
            }

            @Override
            public void end(String id) {
                sessions.remove(idHash(id));
            }
        };
    }

    /** One generator for the process: {@link SecureRandom} is thread-safe. */
    @API(status = API.Status.EXPERIMENTAL)
    final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {}
    }
}
