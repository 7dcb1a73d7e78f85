package dev.handoff.daemon;

import static dev.handoff.daemon.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.StartedRun;
import dev.handoff.api.SuiteRunStartedListener;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control through HTTP on a real daemon: tokens and roles, the browser's login cookie, and
 * the refusal of cross-site form posts.
 */
class AccessControlTests {

    static final String READ = "read-0123456789abcdef";
    static final String TRIGGER = "trigger-0123456789abcdef";
    static final String ADMIN = "admin-0123456789abcdef";
    static final String SCHEDULE = "{\"suite\": \"PassingSuite\", \"cron\": \"0 0 2 * * ?\"}";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private Handoff handoff;

    @AfterEach
    void stop() {
        if (handoff != null) {
            handoff.close();
        }
    }

    /** The runs hooks were told had started. */
    private final BlockingQueue<StartedRun> started = new LinkedBlockingQueue<>();

    private Http start(boolean publicRead) throws IOException {
        Path tokens = work.resolve("tokens");
        Files.writeString(
                tokens, "read " + READ + " dashboards\ntrigger " + TRIGGER + " ci\nadmin " + ADMIN + " ops\n");
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class)
                .apiTokens(tokens)
                .publicRead(publicRead)
                .hook((SuiteRunStartedListener) started::add));
        return new Http(handoff.url());
    }

    @Test
    void withoutCredentialsEveryRequestButTheProbesGets401WithABearerChallenge() throws IOException {
        Http http = start(false);

        for (String path : new String[] {
            "/suites",
            "/suites/PassingSuite/runs",
            "/schedules",
            "/openapi.yaml",
            "/metrics",
            "/",
            "/suites/PassingSuite/runs/1/events",
            "/no/such/path"
        }) {
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).as(path).startsWith("Bearer realm=\"handoff\"");
            assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(reply.parameter()).isEqualTo("Authorization");
        }
        Http.Reply trigger = http.post("/suites/PassingSuite/runs");
        assertThat(trigger.status()).isEqualTo(401);
        assertThat(trigger.json().get("detail").asText()).contains("needs an API token with role trigger");
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(http.get("/ready").status()).isEqualTo(200);
        assertThat(http.get("/assets/handoff.css").status())
                .as("the login page's style, which holds nothing secret")
                .isEqualTo(200);
        assertThat(http.post("/schedules").status())
                .as("the schedules page's create form")
                .isEqualTo(401);
        assertThat(handoff.access().openNotice()).isEmpty();
    }

    @Test
    void eachRoleMayDoItsOwnAndWeakerThingsOnly() throws IOException {
        Http http = start(false);

        assertThat(http.get("/suites", bearer(READ)).status()).isEqualTo(200);
        Http.Reply readTriggers = http.post("/suites/PassingSuite/runs", bearer(READ));
        assertThat(readTriggers.status()).isEqualTo(403);
        assertThat(readTriggers.json().get("detail").asText())
                .isEqualTo("POST /suites/PassingSuite/runs needs role trigger; 'dashboards' has role read");
        assertThat(http.post("/suites/PassingSuite/runs", bearer(TRIGGER)).status())
                .isEqualTo(201);
        assertThat(http.post("/suites/PassingSuite/runs", "authorization", "bearer " + ADMIN)
                        .status())
                .isEqualTo(201);

        Http.Reply triggerPuts = http.send(
                "PUT",
                "/schedules/nightly",
                SCHEDULE,
                "Content-Type",
                "application/json",
                bearer(TRIGGER)[0],
                bearer(TRIGGER)[1]);
        assertThat(triggerPuts.status()).isEqualTo(403);
        assertThat(triggerPuts.json().get("detail").asText()).contains("needs role admin");
        assertThat(http.send(
                                "PUT",
                                "/schedules/nightly",
                                SCHEDULE,
                                "Content-Type",
                                "application/json",
                                bearer(ADMIN)[0],
                                bearer(ADMIN)[1])
                        .status())
                .isEqualTo(201);
        assertThat(http.send("DELETE", "/schedules/nightly", null, bearer(TRIGGER))
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/schedules/nightly", bearer(READ)).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/schedules/nightly", null, bearer(ADMIN))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anUnknownOrMalformedTokenGets401NamingItInvalid() throws IOException {
        Http http = start(false);

        for (String token :
                new String[] {"read-0123456789abcdeX", READ + " ", "x", "ünïcödé-token-0123456789", READ.repeat(100)}) {
            Http.Reply reply = http.get("/suites", "Authorization", "Bearer " + token);
            if (token.equals(READ + " ")) {
                assertThat(reply.status())
                        .as("a token with trailing space is the token")
                        .isEqualTo(200);
                continue;
            }
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThat(reply.body()).doesNotContain(token);
        }
        assertThat(http.get("/suites", "Authorization", "Basic " + READ).status())
                .isEqualTo(401);
    }

    @Test
    void publicReadOpensReadsButNotTriggers() throws IOException {
        Http http = start(true);

        assertThat(http.get("/suites").status()).isEqualTo(200);
        assertThat(http.get("/suites/PassingSuite/runs").status()).isEqualTo(200);
        assertThat(http.post("/suites/PassingSuite/runs").status()).isEqualTo(401);
        assertThat(http.post("/suites/PassingSuite/runs", bearer(TRIGGER)).status())
                .isEqualTo(201);
    }

    @Test
    void aBrowserLogsInOnceAndItsCookieIsHttpOnlyAndSameSiteStrict() throws IOException {
        Http http = start(false);

        Http.Reply page = http.get("/suites?limit=5", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/login?next=%2Fsuites%3Flimit%3D5");
        Http.Reply form = http.get(page.header("Location"), "Accept", "text/html");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body())
                .contains("<input type=\"password\" name=\"token\"")
                .contains("value=\"/suites?limit=5\"");

        Http.Reply wrong = http.send(
                "POST",
                "/login",
                "token=nope&next=%2Fsuites",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Accept",
                "text/html");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("not one of this daemon");
        assertThat(wrong.header("Set-Cookie")).isNull();

        Http.Reply login = http.send(
                "POST",
                "/login",
                "token=" + TRIGGER + "&next=%2Fsuites",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Accept",
                "text/html",
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/suites");
        String cookie = login.header("Set-Cookie");
        assertThat(cookie)
                .startsWith("handoff_session=")
                .contains("; Path=/", "; Max-Age=43200", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure")
                .doesNotContain(TRIGGER);
        String sent = cookie.substring(0, cookie.indexOf(';'));

        Http.Reply signedIn = http.get("/suites", "Accept", "text/html", "Cookie", sent);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body()).contains("<h1>Suites</h1>").doesNotContain("Open access");
        assertThat(http.post("/suites/PassingSuite/runs", "Cookie", sent, "Sec-Fetch-Site", "same-origin")
                        .status())
                .isEqualTo(201);
        assertThat(http.post(
                                "/suites/PassingSuite/runs",
                                "Cookie",
                                sent,
                                "Origin",
                                handoff.url().toString().replaceAll("/$", ""))
                        .status())
                .isEqualTo(201);
        Http.Reply logout = http.post("/logout", "Cookie", sent);
        assertThat(logout.status()).isEqualTo(303);
        assertThat(logout.header("Set-Cookie")).startsWith("handoff_session=;").contains("Max-Age=0");
        assertThat(http.get("/suites", "Cookie", sent).status())
                .as("the session ended with the logout, whatever the browser kept")
                .isEqualTo(401);
    }

    /** Logs in with the token as the login form does; returns the {@code Cookie} header the browser then sends. */
    static String loggedIn(Http http, String token) {
        Http.Reply login =
                http.send("POST", "/login", "token=" + token, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(login.status()).as(login.toString()).isEqualTo(303);
        String cookie = login.header("Set-Cookie");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void theLoginFormOnlyEverSendsTheBrowserToAPathOfThisDaemon() throws IOException {
        Http http = start(false);

        for (String next : new String[] {
            "https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example", "javascript%3Aalert(1)"
        }) {
            Http.Reply login = http.send(
                    "POST",
                    "/login",
                    "token=" + READ + "&next=" + next,
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(login.status()).as(next).isEqualTo(303);
            assertThat(login.header("Location")).as(next).isEqualTo("/");
        }
        assertThat(http.get("/login?next=%2F%22%3E%3Cscript%3E").body())
                .doesNotContain("\"><script>")
                .contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedWithTheCookieOrWithoutTokens() throws IOException {
        Http http = start(false);
        String sent = loggedIn(http, TRIGGER);

        for (String[] crossSite : new String[][] {
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "same-site"},
            {"Origin", "http://evil.example"},
            {"Origin", "null"}
        }) {
            Http.Reply reply = http.post("/suites/PassingSuite/runs", "Cookie", sent, crossSite[0], crossSite[1]);
            assertThat(reply.status()).as(String.join(": ", crossSite)).isEqualTo(403);
            assertThat(reply.parameter()).isEqualTo("Origin");
            assertThat(reply.json().get("detail").asText()).contains("cross-site request refused");
        }
        assertThat(http.post(
                                "/suites/PassingSuite/runs",
                                "Sec-Fetch-Site",
                                "cross-site",
                                bearer(TRIGGER)[0],
                                bearer(TRIGGER)[1])
                        .status())
                .as("a bearer token is never sent by a browser on its own")
                .isEqualTo(201);
        assertThat(new Daemons(handoff.url()).get("/suites/PassingSuite/runs").status())
                .isEqualTo(401);
    }

    @Test
    void eachRunKeepsTheNameOfTheTokenThatTriggeredItWhateverTheRequestSays() throws IOException, InterruptedException {
        Http http = start(false);

        Http.Reply byCi = http.send(
                "POST",
                "/suites/PassingSuite/runs",
                "{\"initiatedBy\": \"ops\", \"caller\": \"ops\"}",
                "Content-Type",
                "application/json",
                bearer(TRIGGER)[0],
                bearer(TRIGGER)[1]);
        assertThat(byCi.status()).as(byCi.toString()).isEqualTo(400);
        assertThat(byCi.parameter()).as("a request cannot state its caller").isEqualTo("caller");

        byCi = http.send(
                "POST",
                "/suites/PassingSuite/runs",
                "{\"initiatedBy\": \"ops\"}",
                "Content-Type",
                "application/json",
                bearer(TRIGGER)[0],
                bearer(TRIGGER)[1]);
        assertThat(byCi.status()).isEqualTo(201);
        assertThat(byCi.json().get("initiatedBy").asText()).isEqualTo("ops");
        assertThat(byCi.json().get("caller").asText()).isEqualTo("ci");
        String sent = loggedIn(http, ADMIN);
        Http.Reply byBrowser = http.send(
                "POST",
                "/suites/PassingSuite/runs",
                "ref=v1",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Cookie",
                sent,
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(byBrowser.status()).isEqualTo(201);
        long number = byBrowser.json().get("number").asLong();

        Http.Reply stored = http.get("/suites/PassingSuite/runs/" + number, bearer(READ));
        assertThat(stored.json().get("caller").asText()).isEqualTo("ops");
        assertThat(http.get("/suites/PassingSuite/runs/" + number, "Accept", "text/html", "Cookie", sent)
                        .body())
                .contains("<span class=\"muted\">authenticated as</span> ops");
        assertThat(http.get("/suites/PassingSuite/runs/" + number + "/junit.xml", bearer(READ))
                        .body())
                .contains("<property name=\"caller\" value=\"ops\"/>");
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            StartedRun run = started.poll(Daemons.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(run).as("hooks told of run %d", i + 1).isNotNull();
            callers.add(run.initiatedBy() + " as " + run.caller().orElse("?"));
        }
        assertThat(callers).as("what hooks are told").containsExactly("ops as ci", "api as ops");
    }

    @Test
    void anOpenDaemonSaysSoAndStillRefusesCrossSitePosts() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        Http http = new Http(handoff.url());

        assertThat(handoff.access().openNotice())
                .hasValueSatisfying(notice -> assertThat(notice).contains("anyone who can reach this daemon"));
        Http.Reply open = http.post("/suites/PassingSuite/runs");
        assertThat(open.status()).isEqualTo(201);
        assertThat(open.json().get("caller").isNull())
                .as("no one authenticated it")
                .isTrue();
        assertThat(http.post("/suites/PassingSuite/runs", "Origin", "http://evil.example")
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/login").body()).contains("access is open");
        assertThat(http.get("/suites", "Accept", "text/html").body())
                .contains(
                        "<p class=\"notice\" role=\"status\"><strong>⚠ Open access:</strong> No API tokens are configured");
    }
}
