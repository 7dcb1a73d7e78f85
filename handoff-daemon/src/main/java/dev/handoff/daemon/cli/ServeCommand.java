package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.ConfigException;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.TextSources;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code handoff serve}: the daemon. Its options are the settings' declarations ({@link
 * ServeFlags}); each is taken from its flag, else its {@code HANDOFF_*} variable, else the config
 * file, else its default ({@link TextSources}).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the daemon: the web UI and REST API, and the suites of the given jars and folders on demand.",
            "Each option is taken from its flag, else its HANDOFF_* environment variable, else the config file, else its default."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or Ctrl-C, gracefully",
            "2:could not start: bad options, suites or data folder"
        },
        footer = {
            "",
            "The config file is a properties file whose keys are the long options without dashes, "
                    + "such as port=8080 or data-dir=/data."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext context;

    private ServeCommand(CliContext context) {
        this.context = context;
    }

    /** The {@code serve} command with an option for every setting. */
    static CommandLine commandLine(CliContext context) {
        CommandLine serve = new CommandLine(new ServeCommand(context));
        ServeFlags.declare(serve.getCommandSpec());
        return serve;
    }

    /**
     * The settings from flags, variables and the config file, and the notices about variables.
     *
     * @throws CliException naming the setting as it was given
     */
    TextSources.Resolved resolve() {
        var parsed = spec.commandLine().getParseResult();
        try {
            return TextSources.resolve(ServeFlags.given(parsed), context.env(), ServeFlags.configFlag(parsed));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** What the daemon would run with, checked. @throws CliException naming a bad setting */
    DaemonConfig config() {
        try {
            return DaemonConfig.of(resolve().values());
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        TextSources.Resolved resolved = resolve();
        resolved.notices().forEach(notice -> context.err().println("warning: " + notice));
        DaemonConfig config;
        try {
            config = DaemonConfig.of(resolved.values());
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (config.suites().paths().isEmpty()) {
            throw new CliException(
                    "no suites to serve: give --suites with a jar or folder of compiled suites (or set HANDOFF_SUITES)");
        }
        DaemonStartup.requireFreePort(config.server().host(), config.server().port());
        Handoff handoff = DaemonStartup.start(config);
        if (handoff.catalog().suites().isEmpty()) {
            // A daemon with nothing to run would answer /ready with 200 and look healthy.
            handoff.close();
            throw new CliException("no @HandoffSuite classes in "
                    + config.suites().paths().stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ": give --suites the compiled suites (a test jar or test-classes) and their jars");
        }
        context.out().println("Handoff listening on " + handoff.url());
        context.out().println(DaemonStartup.describeSuites(handoff));
        StopSignals.keepUntilStopped(handoff, config.runs().shutdownGrace(), context.out());
        return ExitCode.OK;
    }
}
