package dev.handoff.benchmarks;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of a daemon benchmark: numbers with a default ({@code --rounds 5}) and switches
 * ({@code --nested}). The benchmarks take nothing else, so this is all the command line parsing
 * they need.
 */
final class ModeOptions {

    private final Map<String, Integer> values;
    private final Set<String> switches;

    private ModeOptions(Map<String, Integer> values, Set<String> switches) {
        this.values = values;
        this.switches = switches;
    }

    static ModeOptions parse(String[] args, Map<String, Integer> defaults) {
        return parse(args, defaults, Set.of());
    }

    /**
     * @param defaults every numeric option the mode knows, with its default
     * @param known every switch the mode knows
     * @throws IllegalArgumentException naming an unknown option or a value that is not a positive number
     */
    static ModeOptions parse(String[] args, Map<String, Integer> defaults, Set<String> known) {
        Map<String, Integer> values = new LinkedHashMap<>(defaults);
        Set<String> switches = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (known.contains(option)) {
                switches.add(option);
                continue;
            }
            if (!defaults.containsKey(option)) {
                Set<String> all = new TreeSet<>(defaults.keySet());
                all.addAll(known);
                throw new IllegalArgumentException(
                        "Unknown option " + option + "; this benchmark takes " + String.join(", ", all));
            }
            if (++i >= args.length) {
                throw new IllegalArgumentException(option + " needs a number");
            }
            try {
                int value = Integer.parseInt(args[i]);
                if (value < 1) {
                    throw new NumberFormatException();
                }
                values.put(option, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a positive number, not '" + args[i] + "'");
            }
        }
        return new ModeOptions(values, Set.copyOf(switches));
    }

    boolean has(String option) {
        return switches.contains(option);
    }

    int get(String option) {
        Integer value = values.get(option);
        if (value == null) {
            throw new IllegalArgumentException("no option " + option);
        }
        return value;
    }
}
