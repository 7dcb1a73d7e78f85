package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Invocation;
import dev.handoff.daemon.model.Invocations;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestSummaries;
import dev.handoff.daemon.model.TestSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code attempt} rows of one run, by the run's primary key, on the caller's transaction. */
final class AttemptTable {

    /**
     * Inserts a row unless the run already has that test's attempt of that number. A plain insert
     * would fail the whole batch on the first duplicate; this skips just the duplicate, in SQL that
     * H2 and PostgreSQL both accept. Two transactions inserting the same attempt at once still meet
     * at the unique key, and {@link Transactions} runs the loser again, which then skips it.
     */
    private static final String INSERT = "insert into attempt (run_id, execution, test, number, max_attempts, result,"
            + " soft, flaky, started_at, finished_at, failure_message, failure_stack_trace, log, spans, context_values,"
            + " test_key, invocations, invocation_count, invocations_failed, first_failed_invocation, trace_id,"
            + " trace_span_id)"
            + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " where not exists (select 1 from attempt where run_id = ? and test_key = ? and number = ?)";

    private static final String SUMMARY_COLUMNS = "test, number, max_attempts, result, soft, flaky, started_at,"
            + " finished_at, failure_message, failure_stack_trace, invocation_count, invocations_failed,"
            + " first_failed_invocation, trace_id, trace_span_id";

    /**
     * A run's attempts in the order they were stored, without logs, spans and values. The latest
     * attempt of each test is picked while reading: one index range scan, where a self-join kept
     * H2 on a plan whose cost grew with the square of the run's attempts once it was prepared
     * on an empty table.
     */
    private static final String IN_ORDER = "select " + SUMMARY_COLUMNS + " from attempt where run_id = ? order by id";

    private AttemptTable() {}

    /**
     * Inserts the attempts and returns those stored now, without the ones the run already had, or
     * empty when the driver does not say which rows it inserted.
     */
    static Optional<List<Attempt>> insert(Connection connection, long runId, int execution, List<Attempt> attempts)
            throws SQLException {
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Attempt attempt : attempts) {
                bind(insert, runId, execution, attempt);
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        if (counts.length != attempts.size()) {
            return Optional.empty();
        }
        List<Attempt> inserted = new ArrayList<>(attempts.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                inserted.add(attempts.get(i));
            } else if (counts[i] != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(inserted);
    }

    /**
     * What attempts just stored change: the run's counts, and the tests whose latest attempt before
     * them ended the test (passed, failed or failed softly) in this execution, so that their outcome
     * row is replaced.
     *
     * @param counts how the run's counts change: each test's summary after less its summary before,
     *     as {@link TestCounts#of} would count the run from scratch
     * @param endedBefore tests of the attempts whose latest earlier attempt ended them in the same
     *     execution (which the engine does not do; the store allows it). A test retried by its own
     *     attempts (retrying, then its final attempt) is not among them, nor a test that a retried
     *     run runs again: its row went when the run was retried ({@link TestOutcomeRows#retried})
     */
    record Added(TestCounts counts, Set<String> endedBefore) {}

    /** An attempt stored earlier, with the run's execution that stored it. */
    private record Earlier(Attempt attempt, int execution) {}

    /**
     * What the attempts just stored add to the run. Attempts are numbered from 1 per test and stored
     * in order, so only a test whose first attempt here has a number above 1 (a retry, or a test of a
     * retried run) has earlier attempts, which are read by the unique key's index; the usual batch of
     * first attempts reads nothing.
     *
     * @param execution the run's current execution, which stored the attempts
     */
    static Added added(Connection connection, long runId, int execution, List<Attempt> added) throws SQLException {
        Map<String, List<Attempt>> byTest = new LinkedHashMap<>();
        for (Attempt attempt : added) {
            byTest.computeIfAbsent(attempt.test(), test -> new ArrayList<>(1)).add(attempt);
        }
        TestSummaries before = new TestSummaries();
        TestSummaries after = new TestSummaries();
        Set<String> endedBefore = new HashSet<>();
        for (Map.Entry<String, List<Attempt>> test : byTest.entrySet()) {
            boolean first = test.getValue().stream().anyMatch(attempt -> attempt.number() <= 1);
            if (!first) {
                Set<Integer> numbers = new HashSet<>();
                test.getValue().forEach(attempt -> numbers.add(attempt.number()));
                Earlier latest = null;
                for (Earlier earlier : earlier(connection, runId, test.getKey())) {
                    // The rows just inserted are read too: they are what is added, not what was before.
                    if (!numbers.contains(earlier.attempt().number())) {
                        before.add(earlier.attempt());
                        after.add(earlier.attempt());
                        if (latest == null
                                || earlier.attempt().number() > latest.attempt().number()) {
                            latest = earlier;
                        }
                    }
                }
                if (latest != null
                        && latest.execution() == execution
                        && TestOutcomeRows.endsTest(latest.attempt().result())) {
                    endedBefore.add(test.getKey());
                }
            }
            test.getValue().forEach(after::add);
        }
        return new Added(
                TestCounts.of(after.summaries()).minus(TestCounts.of(before.summaries())), Set.copyOf(endedBefore));
    }

    private static List<Earlier> earlier(Connection connection, long runId, String test) throws SQLException {
        String stored = Sql.storable(test);
        try (PreparedStatement query = connection.prepareStatement("select " + SUMMARY_COLUMNS
                + ", execution from attempt where run_id = ? and test_key = ? and test = ? order by id")) {
            query.setLong(1, runId);
            query.setString(2, TestKey.of(stored));
            query.setString(3, stored);
            List<Earlier> attempts = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    attempts.add(new Earlier(attempt(row, "", null, null), row.getInt("execution")));
                }
            }
            return attempts;
        }
    }

    private static void bind(PreparedStatement insert, long runId, int execution, Attempt attempt) throws SQLException {
        insert.setLong(1, runId);
        insert.setInt(2, execution);
        String test = Sql.storable(attempt.test());
        insert.setString(3, test);
        insert.setInt(4, attempt.number());
        insert.setInt(5, attempt.maxAttempts());
        insert.setString(6, attempt.result().label());
        insert.setBoolean(7, attempt.soft());
        insert.setBoolean(8, attempt.flaky());
        Sql.setInstant(insert, 9, attempt.startedAt());
        Sql.setInstant(insert, 10, attempt.finishedAt());
        Sql.setText(insert, 11, attempt.failure().map(Failure::message).orElse(null));
        Sql.setText(insert, 12, attempt.failure().map(Failure::stackTrace).orElse(null));
        insert.setBytes(13, Gzip.compress(attempt.log()));
        insert.setString(14, Json.spansOrNull(attempt.spans()));
        insert.setString(15, Json.stringsOrNull(attempt.values()));
        String key = TestKey.of(test);
        insert.setString(16, key);
        Invocations invocations = attempt.invocations();
        String stored = Json.invocationsOrNull(invocations.list());
        insert.setBytes(17, stored == null ? null : Gzip.compress(stored));
        insert.setInt(18, invocations.count());
        insert.setInt(19, invocations.failed());
        Sql.setText(
                insert, 20, invocations.firstFailed().map(AttemptTable::fitted).orElse(null));
        insert.setString(21, attempt.traceId().orElse(null));
        insert.setString(22, attempt.traceSpanId().orElse(null));
        insert.setLong(23, runId);
        insert.setString(24, key);
        insert.setInt(25, attempt.number());
    }

    /** The first failed invocation's name as its column holds it: at most 2,000 characters. */
    private static String fitted(String name) {
        return name.length() <= 2000 ? name : name.substring(0, 1999) + "…";
    }

    static List<TestSummary> latest(Connection connection, long runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(IN_ORDER)) {
            query.setLong(1, runId);
            TestSummaries tests = new TestSummaries();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    tests.add(attempt(row, "", null, null));
                }
            }
            return tests.summaries();
        }
    }

    /** Each test's latest attempt's values: only the number and values columns are read. */
    static Map<String, Map<String, String>> latestValues(Connection connection, long runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select test, number, context_values from attempt where run_id = ? order by id")) {
            query.setLong(1, runId);
            Map<String, Integer> latestNumber = new HashMap<>();
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String test = row.getString("test");
                    int number = row.getInt("number");
                    if (number < latestNumber.getOrDefault(test, 0)) {
                        continue;
                    }
                    latestNumber.put(test, number);
                    Map<String, String> set = Json.strings(row.getString("context_values"));
                    if (set.isEmpty()) {
                        values.remove(test);
                    } else {
                        values.put(test, set);
                    }
                }
            }
            return values;
        }
    }

    static List<Attempt> all(Connection connection, long runId, String test) throws SQLException {
        String sql = "select " + SUMMARY_COLUMNS + ", log, spans, context_values, invocations from attempt"
                + " where run_id = ? and test_key = ? and test = ? order by number";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, runId);
            query.setString(2, TestKey.of(Sql.storable(test)));
            query.setString(3, Sql.storable(test));
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    byte[] invocations = row.getBytes("invocations");
                    Attempt attempt = attempt(
                            row,
                            Gzip.decompress(row.getBytes("log")),
                            row.getString("spans"),
                            row.getString("context_values"));
                    attempts.add(
                            invocations == null
                                    ? attempt
                                    : withInvocations(attempt, Json.invocations(Gzip.decompress(invocations))));
                }
            }
            return attempts;
        }
    }

    /**
     * @param execution the run's current execution: only its final attempts settle a test, while
     *     attempts are counted over every execution
     */
    static RunStore.Progress progress(Connection connection, long runId, int execution) throws SQLException {
        // The highest number, not the count: later attempts continue from it even if one went missing.
        String sql = "select test, max(number) as attempts,"
                + " sum(case when execution = ? and result <> '" + AttemptResult.RETRYING.label()
                + "' then 1 else 0 end)"
                + " as final_attempts from attempt where run_id = ? group by test";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, execution);
            query.setLong(2, runId);
            Set<String> settled = new HashSet<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString("test"), row.getInt("attempts"));
                    if (row.getInt("final_attempts") > 0) {
                        settled.add(row.getString("test"));
                    }
                }
            }
            return new RunStore.Progress(Set.copyOf(settled), Map.copyOf(counts));
        }
    }

    private static Attempt attempt(ResultSet row, String log, String spans, String values) throws SQLException {
        String label = row.getString("result");
        AttemptResult result = AttemptResult.fromLabel(label)
                .orElseThrow(() -> new StoreException("a stored attempt has the unknown result '" + label + "'"));
        Optional<Failure> failure = RunRows.failure(row);
        return new Attempt(
                row.getString("test"),
                row.getInt("number"),
                row.getInt("max_attempts"),
                result,
                row.getBoolean("soft"),
                row.getBoolean("flaky"),
                Sql.requiredInstant(row, "started_at"),
                Sql.requiredInstant(row, "finished_at"),
                failure,
                log,
                Json.spans(spans),
                Json.strings(values),
                new Invocations(
                        row.getInt("invocation_count"),
                        row.getInt("invocations_failed"),
                        Optional.ofNullable(row.getString("first_failed_invocation")),
                        List.of()),
                Optional.ofNullable(row.getString("trace_id")),
                Optional.ofNullable(row.getString("trace_span_id")));
    }

    private static Attempt withInvocations(Attempt a, List<Invocation> list) {
        Invocations counts = a.invocations();
        return new Attempt(
                a.test(),
                a.number(),
                a.maxAttempts(),
                a.result(),
                a.soft(),
                a.flaky(),
                a.startedAt(),
                a.finishedAt(),
                a.failure(),
                a.log(),
                a.spans(),
                a.values(),
                new Invocations(counts.count(), counts.failed(), counts.firstFailed(), list),
                a.traceId(),
                a.traceSpanId());
    }
}
