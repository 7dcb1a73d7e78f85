package dev.handoff.daemon.cli;

import dev.handoff.daemon.config.Setting;
import dev.handoff.daemon.config.Settings;
import dev.handoff.daemon.config.TextSources;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code handoff serve}, derived from the settings' declarations ({@link
 * Settings}): one option per setting, named, labelled and described there, with its variable and
 * default in the usage help. Options are taken as text; {@link TextSources} parses and checks them
 * with the variables and the config file, so each value is checked in one place whatever its door.
 */
final class ServeFlags {

    private ServeFlags() {}

    /** Adds an option for every textual setting, then {@code --config}. */
    static void declare(CommandSpec serve) {
        for (Setting<?> setting : Settings.textual()) {
            OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                    .description(
                            setting.help() + " Env: " + setting.variable() + ".", "Default: " + setting.defaultText())
                    .showDefaultValue(Visibility.NEVER);
            if (setting.isSwitch()) {
                option.arity("0").type(boolean.class);
            } else if (setting.isRepeatable()) {
                option.paramLabel(setting.label()).arity("1").type(List.class).auxiliaryTypes(String.class);
            } else {
                option.paramLabel(setting.label()).arity("1").type(String.class);
            }
            serve.addOption(option.build());
        }
        serve.addOption(OptionSpec.builder("--" + TextSources.CONFIG)
                .paramLabel("FILE")
                .type(String.class)
                .description(
                        "Properties file with defaults for the options above. Env: "
                                + Setting.variable(TextSources.CONFIG) + ".",
                        "Default: none")
                .showDefaultValue(Visibility.NEVER)
                .build());
    }

    /** The texts the command line gave, by setting, in the order given. */
    static Map<Setting<?>, List<String>> given(ParseResult parsed) {
        Map<Setting<?>, List<String>> given = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.textual()) {
            OptionSpec option = parsed.matchedOption(setting.flag());
            if (option != null) {
                given.put(setting, setting.isSwitch() ? List.of("true") : List.copyOf(option.stringValues()));
            }
        }
        return given;
    }

    /** The {@code --config} flag, if given. */
    static Optional<Path> configFlag(ParseResult parsed) {
        return Optional.ofNullable(parsed.matchedOption("--" + TextSources.CONFIG))
                .map(option -> Path.of(option.stringValues().getLast()));
    }
}
