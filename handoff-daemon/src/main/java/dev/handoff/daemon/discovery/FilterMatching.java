package dev.handoff.daemon.discovery;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches a run's filter against test names at a bounded cost, so that a regular expression that
 * backtracks exponentially, such as {@code (a+)+$} against a long name, is refused in
 * milliseconds instead of holding a request thread for hours. Java's regex engine reads its
 * input only through {@link CharSequence#charAt}, so counting those reads counts its steps.
 *
 * <p>The check runs the filter once over every test name of the suite; the run later matches the
 * same pattern against the same names, so it costs no more than what was allowed here.
 */
final class FilterMatching {

    /** Steps for one test name: a simple filter takes a few per character. */
    static final long STEPS_PER_NAME = 1_000_000;
    /** Steps for all the suite's names together: about a tenth of a second. */
    static final long STEPS_PER_SUITE = 50_000_000;

    private FilterMatching() {}

    /** Thrown when matching took more steps than allowed. */
    static final class TooCostly extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooCostly() {
            super(null, null, false, false);
        }
    }

    /**
     * Whether the pattern is found in any of the names.
     *
     * @throws TooCostly when matching a name, or all of them, takes more steps than allowed
     */
    static boolean anyFound(Pattern pattern, List<String> names) {
        long[] total = {0};
        boolean found = false;
        for (String name : names) {
            Budgeted input = new Budgeted(name, total);
            if (pattern.matcher(input).find()) {
                found = true;
            }
        }
        return found;
    }

    /** A test name that counts the regex engine's reads and stops it once it read too much. */
    private static final class Budgeted implements CharSequence {

        private final String text;
        private final long[] total;
        private long steps;

        Budgeted(String text, long[] total) {
            this.text = text;
            this.total = total;
        }

        @Override
        public char charAt(int index) {
            if (++steps > STEPS_PER_NAME || ++total[0] > STEPS_PER_SUITE) {
                throw new TooCostly();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
