package dev.handoff.daemon.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A run was asked for a suite the daemon does not know. When the name looks like a typo of known
 * ones (another case, cut short, or longer), the message names them: a user who typed
 * {@code shop-smok} wants {@code did you mean 'shop-smoke'?}, not a list of fifty suites.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class UnknownSuiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MOST_SUGGESTED = 3;

    public UnknownSuiteException(String suite, Collection<String> known) {
        super("no suite named '" + suite + "'" + suggestion(suite, known));
    }

    private static String suggestion(String suite, Collection<String> known) {
        String typed = suite.toLowerCase(Locale.ROOT);
        List<String> close = known.stream()
                .filter(name -> !typed.isBlank() && resembles(typed, name.toLowerCase(Locale.ROOT)))
                .limit(MOST_SUGGESTED)
                .toList();
        return close.isEmpty()
                ? ""
                : "; did you mean "
                        + close.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" or ")) + "?";
    }

    private static boolean resembles(String typed, String name) {
        return name.startsWith(typed) || typed.startsWith(name) || name.equals(typed);
    }
}
