package dev.handoff.daemon.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.FinishedTest;
import dev.handoff.api.Hook;
import dev.handoff.api.HookConfig;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.ToggleSuite;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook SPI on a real daemon: what hooks see, what they add, and that no hook can harm a run. */
class HookTests {

    private static final URI PUBLIC = URI.create("https://handoff.example/staging/");

    @TempDir
    Path dataDir;

    private static Handoff.Builder daemon(Path dataDir) {
        return Daemons.local(dataDir, ToggleSuite.class)
                .publicUrl(PUBLIC)
                .environment("staging-eu")
                .serviceLoaderHooks(false);
    }

    private static long failingRun(Daemons api, String ref) {
        Daemons.Response response = api.postJson(
                "/suites/ToggleSuite/runs",
                "{\"ref\":\"" + ref + "\",\"initiatedBy\":\"alice\",\"parameters\":{\"fail\":\"true\"}}");
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("number").asLong();
    }

    @Test
    void hooksSeeTheStoredRunAndWhatTheyAddShowsInTheApi() {
        TestHooks.Recording hook = new TestHooks.Recording();
        AtomicReference<Handoff> daemon = new AtomicReference<>();
        AtomicReference<Optional<RunResult>> storedWhenCalled = new AtomicReference<>();
        hook.onRun = run -> storedWhenCalled.set(daemon.get()
                .store()
                .find(new RunId(run.suite(), run.number()))
                .map(dev.handoff.daemon.model.SuiteRun::result));
        try (Handoff handoff =
                Daemons.started(daemon(dataDir).hook(hook).hookSetting("recording", "channel", "#e2e"))) {
            daemon.set(handoff);
            Daemons api = new Daemons(handoff.url());
            long number = failingRun(api, "v1.2.3");
            JsonNode finished = api.awaitFinished("ToggleSuite", number);
            await(() -> hook.runs.size() == 1);

            assertThat(hook.config).isEqualTo(new HookConfig(java.util.Map.of("channel", "#e2e"), PUBLIC));
            assertThat(storedWhenCalled.get()).contains(RunResult.FAILED);
            FinishedRun run = hook.runs.get(0);
            assertThat(run.suite()).isEqualTo("ToggleSuite");
            assertThat(run.namespace()).isEqualTo("shop");
            assertThat(run.number()).isEqualTo(number);
            assertThat(run.result()).isEqualTo("failed");
            assertThat(run.previousResult()).isEmpty();
            assertThat(run.ref()).contains("v1.2.3");
            assertThat(run.initiatedBy()).isEqualTo("alice");
            assertThat(run.caller()).as("no token verified on an open daemon").isEmpty();
            assertThat(run.environment()).isEqualTo("staging-eu");
            assertThat(run.parameters()).containsExactly(java.util.Map.entry("fail", "true"));
            assertThat(run.finishedAt())
                    .isEqualTo(Instant.parse(finished.get("finishedAt").asText()));
            assertThat(run.counts()).isEqualTo(new FinishedRun.Counts(1, 1, 0, 0, 0));
            assertThat(run.url())
                    .isEqualTo(URI.create("https://handoff.example/staging/suites/ToggleSuite/runs/" + number));
            assertThat(run.tests())
                    .extracting(FinishedTest::test, FinishedTest::result, FinishedTest::failureMessage)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    "checksOut", "failed", Optional.of("checkout answered 503")),
                            org.assertj.core.groups.Tuple.tuple("searches", "passed", Optional.empty()));
            assertThat(hook.tests).hasSize(2);

            assertThat(api.run("ToggleSuite", number).get("values").toString())
                    .isEqualTo("{\"dashboard\":\"https://grafana.example/d/ToggleSuite\"}");
            assertThat(api.page("/suites/ToggleSuite/runs/" + number).body())
                    .contains("<th scope=\"row\">Values</th><td>dashboard=https://grafana.example/d/ToggleSuite</td>");
            JsonNode attempts = api.get("/suites/ToggleSuite/runs/" + number + "/tests/checksOut")
                    .json()
                    .get("attempts");
            assertThat(attempts.get(attempts.size() - 1).get("values").toString())
                    .isEqualTo("{\"ticket\":\"T-checksOut\"}");
        }
    }

    @Test
    void aCancelledRunReachesItsHooksWithTheirValuesStored() {
        TestHooks.Recording hook = new TestHooks.Recording();
        dev.handoff.daemon.fixtures.SlowSuite.release = new java.util.concurrent.CountDownLatch(1);
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, dev.handoff.daemon.fixtures.SlowSuite.class)
                .serviceLoaderHooks(false)
                .hook(hook))) {
            Daemons api = new Daemons(handoff.url());
            long number = api.trigger("SlowSuite", "");
            api.await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");

            assertThat(api.post("/suites/SlowSuite/runs/" + number + "/cancel").status())
                    .isEqualTo(202);

            assertThat(api.awaitFinished("SlowSuite", number).get("result").asText())
                    .isEqualTo("cancelled");
            await(() -> api.run("SlowSuite", number).get("values").has("dashboard"));
            assertThat(hook.runs).extracting(FinishedRun::result).containsExactly("cancelled");
        } finally {
            dev.handoff.daemon.fixtures.SlowSuite.release.countDown();
        }
    }

    @Test
    void theNextRunKnowsThePreviousResult() {
        TestHooks.Recording hook = new TestHooks.Recording();
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(hook))) {
            Daemons api = new Daemons(handoff.url());
            api.awaitFinished("ToggleSuite", failingRun(api, "a"));
            api.awaitFinished("ToggleSuite", api.trigger("ToggleSuite", ""));
            await(() -> hook.runs.size() == 2);

            assertThat(hook.runs.get(1).result()).isEqualTo("passed");
            assertThat(hook.runs.get(1).previousResult()).contains("failed");
            assertThat(hook.runs.get(1).recovered()).isTrue();
        }
    }

    @Test
    void aThrowingHookNeitherFailsNorLosesTheRunAndIsCounted() {
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(new TestHooks.Throwing()))) {
            Daemons api = new Daemons(handoff.url());
            long first = api.trigger("ToggleSuite", "");
            assertThat(api.awaitFinished("ToggleSuite", first).get("result").asText())
                    .isEqualTo("passed");
            long second = api.trigger("ToggleSuite", "");
            assertThat(api.awaitFinished("ToggleSuite", second).get("result").asText())
                    .isEqualTo("passed");

            // Per run: two tests and the run, sync; the run again, async.
            await(() -> handoff.metrics().contains("handoff_hook_errors_total{hook=\"throwing\"} 8.0"));
            assertThat(api.run("ToggleSuite", first).get("values").toString()).isEqualTo("{}");
            assertThat(api.run("ToggleSuite", first).get("tests").size()).isEqualTo(2);
        }
    }

    @Test
    void aHangingSyncHookIsAbandonedAfterItsTimeoutAndTheNextRunGoesOn() throws InterruptedException {
        TestHooks.Hanging hook = new TestHooks.Hanging();
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(hook).hookTimeout(Duration.ofMillis(300)))) {
            Daemons api = new Daemons(handoff.url());
            long first = api.trigger("ToggleSuite", "");
            long second = api.trigger("ToggleSuite", "");

            assertThat(api.awaitFinished("ToggleSuite", first).get("result").asText())
                    .isEqualTo("passed");
            assertThat(api.awaitFinished("ToggleSuite", second).get("result").asText())
                    .isEqualTo("passed");
            assertThat(hook.interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            await(() -> handoff.metrics().contains("handoff_hook_errors_total{hook=\"hanging\"} 2.0"));
            assertThat(api.run("ToggleSuite", first).get("values").toString()).isEqualTo("{}");
        }
    }

    @Test
    void aTestHookThatHangsIsNotCalledForTheRunsOtherTests() {
        TestHooks.HangingPerTest hook = new TestHooks.HangingPerTest();
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(hook).hookTimeout(Duration.ofMillis(300)))) {
            Daemons api = new Daemons(handoff.url());
            long number = api.trigger("ToggleSuite", "");
            assertThat(api.awaitFinished("ToggleSuite", number).get("result").asText())
                    .isEqualTo("passed");

            // One call abandoned, the other test's call dropped: both count.
            await(() -> handoff.metrics().contains("handoff_hook_errors_total{hook=\"hanging-per-test\"} 2.0"));
            assertThat(hook.called).hasSize(1);
        }
    }

    @Test
    void aSlowAsyncHookDelaysNoRunAndGetsRunsInOrder() {
        TestHooks.Gated hook = new TestHooks.Gated();
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(hook))) {
            Daemons api = new Daemons(handoff.url());
            long first = api.trigger("ToggleSuite", "");
            long second = api.trigger("ToggleSuite", "");
            // Both runs end while the hook still waits on the first.
            assertThat(api.awaitFinished("ToggleSuite", first).get("result").asText())
                    .isEqualTo("passed");
            assertThat(api.awaitFinished("ToggleSuite", second).get("result").asText())
                    .isEqualTo("passed");
            assertThat(hook.seen).isEmpty();

            hook.go.countDown();

            await(() -> api.run("ToggleSuite", second).get("values").has("delivered"));
            assertThat(hook.seen).containsExactly(first, second);
            assertThat(api.run("ToggleSuite", first).get("values").toString())
                    .isEqualTo("{\"delivered\":\"run " + first + "\"}");
            assertThat(handoff.metrics()).contains("handoff_hook_errors_total{hook=\"gated\"} 0.0");
        }
    }

    @Test
    void anAsyncHookThatHangsIsAbandonedAfterItsTimeoutAndGetsTheNextRun() {
        TestHooks.HangsOnce hook = new TestHooks.HangsOnce();
        try (Handoff handoff = Daemons.started(daemon(dataDir).hook(hook).asyncHookTimeout(Duration.ofMillis(500)))) {
            Daemons api = new Daemons(handoff.url());
            long first = api.trigger("ToggleSuite", "");
            api.awaitFinished("ToggleSuite", first);
            long second = api.trigger("ToggleSuite", "");
            api.awaitFinished("ToggleSuite", second);

            await(() -> hook.handled.contains(second));
            assertThat(hook.handled).containsExactly(second);
            assertThat(handoff.metrics()).contains("handoff_hook_errors_total{hook=\"hangs-once\"} 1.0");
        } finally {
            hook.release.countDown();
        }
    }

    @Test
    void hooksListedInTheSuitesPathAreFoundWithServiceLoader(@TempDir Path suites) throws IOException {
        Path services = Files.createDirectories(suites.resolve("META-INF/services"));
        Files.writeString(services.resolve(Hook.class.getName()), ServiceLoadedHook.class.getName() + "\n");
        ServiceLoadedHook.EVENTS.clear();
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, ToggleSuite.class)
                .suitesPath(suites)
                .hookSetting("service-loaded", "greeting", "hello"))) {
            Daemons api = new Daemons(handoff.url());
            long number = api.trigger("ToggleSuite", "");
            api.awaitFinished("ToggleSuite", number);

            assertThat(handoff.hooks()).containsExactly("service-loaded");
            await(() -> !ServiceLoadedHook.EVENTS.isEmpty());
            assertThat(ServiceLoadedHook.EVENTS).containsExactly("hello ToggleSuite #" + number + " passed");
            await(() -> api.run("ToggleSuite", number).get("values").has("greeting"));
        }
    }

    @Test
    void twoHooksWithOneNameStopTheBuild() {
        assertThatThrownBy(() -> daemon(dataDir)
                        .hook(new TestHooks.Recording())
                        .hook(new TestHooks.Recording())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "two hooks are named 'recording': %s and %s; give one another name()",
                        TestHooks.Recording.class.getName(), TestHooks.Recording.class.getName());
    }

    @Test
    void settingsForAnUnknownHookStopTheBuild() {
        assertThatThrownBy(() -> daemon(dataDir)
                        .hook(new TestHooks.Recording())
                        .hookSetting("recordin", "k", "v")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are settings for hook 'recordin', but no hook has that name; hooks are: recording");
    }

    @Test
    void aHookRefusingItsConfigurationStopsTheStart(@TempDir Path suites) throws IOException {
        Path services = Files.createDirectories(suites.resolve("META-INF/services"));
        Files.writeString(services.resolve(Hook.class.getName()), ServiceLoadedHook.class.getName() + "\n");
        try (Handoff handoff =
                Daemons.local(dataDir, ToggleSuite.class).suitesPath(suites).build()) {
            assertThatThrownBy(handoff::start)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("hook 'service-loaded' cannot start: needs a greeting setting");
        }
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now())
                    .as("condition met within " + Daemons.PATIENCE)
                    .isBefore(deadline);
            dev.handoff.daemon.Runs.sleep();
        }
    }

    static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .toList();
    }
}
