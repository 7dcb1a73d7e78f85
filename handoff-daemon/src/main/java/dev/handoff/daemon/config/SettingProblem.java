package dev.handoff.daemon.config;

import java.util.Optional;

/**
 * Why a value does not fit its setting, in words that complete "{@code NAME 'VALUE'} ...", such as
 * "is not a number from 0 to 65535". The door the value came through ({@link Source}) puts the
 * name in front: a flag, a variable, a config-file key or a builder method.
 *
 * @param shown what of the value the message may quote, when not the whole value (a hook setting
 *     quotes its name, never its value)
 */
final class SettingProblem extends IllegalArgumentException {

    private final transient Optional<String> shown;

    SettingProblem(String problem) {
        this(problem, Optional.empty());
    }

    SettingProblem(String problem, Optional<String> shown) {
        super(problem);
        this.shown = shown;
    }

    Optional<String> shown() {
        return shown;
    }
}
