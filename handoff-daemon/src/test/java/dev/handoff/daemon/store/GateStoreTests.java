package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Gate;
import dev.handoff.daemon.model.Gate.Decision;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateVerdict;
import dev.handoff.daemon.model.RunId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates in the database: stored with their suites, found by idempotency key, decided once, removed by age. */
class GateStoreTests {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private GateStore gates;

    @BeforeEach
    void open() {
        database = openDatabase();
        gates = new GateStore(database.dataSource());
    }

    /** The database under test: an H2 file in the data dir here. */
    Database openDatabase() {
        return Database.open(dataDir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static GateRequest request(Optional<String> key, String... suites) {
        return new GateRequest(
                List.of(suites),
                Optional.of("v1.2.3"),
                Optional.of("checkout.*"),
                Duration.ofMinutes(10),
                Map.of("env", "staging"),
                true,
                "cli",
                key,
                Optional.of("ci"));
    }

    @Test
    void aGateIsStoredWithItsRequestAndSuitesInOrderEachWithoutARunYet() {
        Gate created = gates.create(request(Optional.empty(), "search", "checkout"), NOW)
                .gate();

        Gate found = gates.find(created.id()).orElseThrow();

        assertThat(found).isEqualTo(created);
        assertThat(found.request().suites()).containsExactly("search", "checkout");
        assertThat(found.request().parameters()).isEqualTo(Map.of("env", "staging"));
        assertThat(found.request().strict()).isTrue();
        assertThat(found.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(found.runs()).allSatisfy(run -> assertThat(run.run()).isEmpty());
        assertThat(found.decided()).isEmpty();
    }

    @Test
    void aSuitesRunIsNotedOnceAndAVerdictStoredOnce() {
        long id =
                gates.create(request(Optional.empty(), "checkout"), NOW).gate().id();

        gates.ranSuite(id, new RunId("checkout", 4));
        gates.ranSuite(id, new RunId("checkout", 5));
        gates.decide(id, new Decision(GateVerdict.FAILED, NOW.plusSeconds(60)));
        gates.decide(id, new Decision(GateVerdict.PASSED, NOW.plusSeconds(90)));

        Gate gate = gates.find(id).orElseThrow();
        assertThat(gate.runs().getFirst().run()).contains(new RunId("checkout", 4));
        assertThat(gate.decided()).contains(new Decision(GateVerdict.FAILED, NOW.plusSeconds(60)));
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneGate() throws Exception {
        List<Future<GateStore.Created>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                calls.add(threads.submit(() -> gates.create(request(Optional.of("deploy-1"), "checkout"), NOW)));
            }
        }
        List<GateStore.Created> created = new ArrayList<>();
        for (Future<GateStore.Created> call : calls) {
            created.add(call.get());
        }

        assertThat(created).filteredOn(GateStore.Created::created).hasSize(1);
        assertThat(created)
                .extracting(c -> c.gate().id())
                .containsOnly(created.getFirst().gate().id());
        assertThat(gates.list(10, OptionalLong.empty())).hasSize(1);
    }

    @Test
    void gatesAreListedNewestFirstAndOnlyDecidedOldOnesAreRemoved() {
        long decidedOld =
                gates.create(request(Optional.empty(), "a"), NOW).gate().id();
        long undecidedOld =
                gates.create(request(Optional.empty(), "b"), NOW).gate().id();
        long decidedNew = gates.create(request(Optional.empty(), "c"), NOW.plus(Duration.ofDays(40)))
                .gate()
                .id();
        gates.decide(decidedOld, new Decision(GateVerdict.PASSED, NOW));
        gates.decide(decidedNew, new Decision(GateVerdict.PASSED, NOW.plus(Duration.ofDays(40))));

        assertThat(gates.list(2, OptionalLong.empty())).extracting(Gate::id).containsExactly(decidedNew, undecidedOld);
        assertThat(gates.list(10, OptionalLong.of(undecidedOld)))
                .extracting(Gate::id)
                .containsExactly(decidedOld);

        int removed = gates.deleteDecidedBefore(NOW.plus(Duration.ofDays(30)), 10);

        assertThat(removed).isEqualTo(1);
        assertThat(gates.list(10, OptionalLong.empty())).extracting(Gate::id).containsExactly(decidedNew, undecidedOld);
    }
}
