package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.RunStats;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The overview ({@code /suites}): the suites that pass the reader's filter, each with its recent
 * runs and what they say, and the namespaces and labels there are to filter by.
 *
 * @param total how many suites the daemon has, filtered or not
 */
public record SuitesModel(
        List<Row> rows,
        int total,
        Filter filter,
        List<String> namespaces,
        List<String> labels,
        List<TestsModel.Row> flakyTests) {

    /** An overview without the flaky tests panel's rows (none to show). */
    public SuitesModel(List<Row> rows, int total, Filter filter, List<String> namespaces, List<String> labels) {
        this(rows, total, filter, namespaces, labels, List.of());
    }

    /**
     * One suite's line.
     *
     * @param recent its newest runs, oldest first, as the strip shows them left to right
     * @param nextFire the soonest next fire of its schedules, when one is due
     */
    public record Row(Suite suite, List<SuiteRun> recent, RunStats stats, Optional<Instant> nextFire) {

        public Optional<SuiteRun> latest() {
            return recent.isEmpty() ? Optional.empty() : Optional.of(recent.getLast());
        }
    }

    /**
     * What the reader asked to see; an empty value asks nothing.
     *
     * @param text matched, ignoring case, against the suite's name, namespace, labels and description
     */
    public record Filter(String namespace, String label, String text) {

        public static final Filter NONE = new Filter("", "", "");

        public boolean isEmpty() {
            return namespace.isEmpty() && label.isEmpty() && text.isEmpty();
        }

        public boolean accepts(Suite suite) {
            if (!namespace.isEmpty() && !suite.namespace().equals(namespace)) {
                return false;
            }
            if (!label.isEmpty() && !suite.labels().contains(label)) {
                return false;
            }
            if (text.isEmpty()) {
                return true;
            }
            String wanted = text.toLowerCase(Locale.ROOT);
            return suite.name().toLowerCase(Locale.ROOT).contains(wanted)
                    || suite.namespace().toLowerCase(Locale.ROOT).contains(wanted)
                    || suite.description().toLowerCase(Locale.ROOT).contains(wanted)
                    || suite.labels().stream()
                            .anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(wanted));
        }
    }
}
