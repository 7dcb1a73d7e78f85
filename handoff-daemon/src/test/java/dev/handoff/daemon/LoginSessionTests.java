package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser's login is a server-side session, not the token in a cookie: rotated at every login,
 * kept in the database; refusals are logged without credentials, and a tokens file others may read
 * is warned about.
 */
class LoginSessionTests {

    static final String READ = "read-0123456789abcdef";
    static final String TRIGGER = "trigger-0123456789abcdef";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private Handoff handoff;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @AfterEach
    void stop() {
        Logger.getLogger("dev.handoff").removeHandler(capture);
        if (handoff != null) {
            handoff.close();
        }
    }

    private Path tokens(String permissions) throws IOException {
        Path tokens = work.resolve("tokens");
        Files.writeString(tokens, "read " + READ + " dashboards\ntrigger " + TRIGGER + " ci\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString(permissions));
        return tokens;
    }

    private Http start(Path tokens) {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class).apiTokens(tokens));
        return new Http(handoff.url());
    }

    @Test
    void eachLoginGetsANewSessionAndEndsTheOneTheBrowserHad() throws IOException {
        Http http = start(tokens("rw-------"));
        String first = AccessControlTests.loggedIn(http, READ);

        Http.Reply again = http.send(
                "POST",
                "/login",
                "token=" + READ,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Cookie",
                first);
        String second = again.header("Set-Cookie")
                .substring(0, again.header("Set-Cookie").indexOf(';'));

        assertThat(second).isNotEqualTo(first).doesNotContain(READ);
        assertThat(http.get("/suites", "Cookie", first).status()).isEqualTo(401);
        assertThat(http.get("/suites", "Cookie", second).status()).isEqualTo(200);
    }

    @Test
    void aSessionIsKeptInTheDatabaseSoItOutlivesARestart() throws IOException {
        Path tokens = tokens("rw-------");
        Http http = start(tokens);
        String cookie = AccessControlTests.loggedIn(http, TRIGGER);
        handoff.close();

        http = start(tokens);

        assertThat(http.get("/suites", "Cookie", cookie).status()).isEqualTo(200);
    }

    @Test
    void aRefusedRequestIsLoggedWithMethodPathAndReasonButNeverTheToken() throws IOException {
        Http http = start(tokens("rw-------"));
        Logger.getLogger("dev.handoff").addHandler(capture);
        String guess = "guess-0123456789abcdef-secret";

        assertThat(http.get("/suites", "Authorization", "Bearer " + guess).status())
                .isEqualTo(401);
        assertThat(http.post("/suites/PassingSuite/runs", "Authorization", "Bearer " + READ)
                        .status())
                .isEqualTo(403);
        assertThat(http.send("POST", "/login", "token=" + guess, "Content-Type", "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(401);

        assertThat(logged)
                .anySatisfy(line -> assertThat(line).contains("refused GET /suites", "401"))
                .anySatisfy(line ->
                        assertThat(line).contains("refused POST /suites/PassingSuite/runs", "403", "'dashboards'"))
                .anySatisfy(line -> assertThat(line).contains("refused POST /login", "401"))
                .noneSatisfy(line -> assertThat(line).contains(guess))
                .noneSatisfy(line -> assertThat(line).contains(READ));
    }

    @Test
    void aTokensFileEveryUserMayReadIsWarnedAboutAtStartup() throws IOException {
        Logger.getLogger("dev.handoff").addHandler(capture);

        start(tokens("rw-r--r--"));
        handoff.close();
        handoff = null;
        List<String> open = List.copyOf(logged);
        logged.clear();
        start(tokens("rw-------"));

        assertThat(open)
                .anySatisfy(
                        line -> assertThat(line).startsWith("WARNING").contains("readable by every user", "chmod 600"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("readable by every user"));
    }
}
