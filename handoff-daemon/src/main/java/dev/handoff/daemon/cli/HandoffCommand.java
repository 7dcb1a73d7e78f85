package dev.handoff.daemon.cli;

import dev.handoff.daemon.config.Settings;
import io.helidon.logging.common.LogConfig;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code handoff} executable: {@code serve} the daemon, {@code suites}, {@code schedules} and {@code run} against
 * a daemon, {@code exec} suites without one, and the {@code demo}. Errors are one line on stderr
 * and exit code 2 ({@link ErrorReporter}); a run's result is exit code 0 or 1.
 */
@Command(
        name = "handoff",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        description = "Runs JUnit 5 end-to-end suites against a live environment and keeps every run.",
        synopsisSubcommandLabel = "COMMAND")
public final class HandoffCommand implements Callable<Integer> {

    private final CliContext context;

    private HandoffCommand(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        // Before anything logs: the database opens before the web server, which would set this up itself.
        LogConfig.configureRuntime();
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command line with the given environment and streams; returns the exit code. */
    public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return commandLine(new CliContext(env, out, err)).execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine line = new CommandLine(new HandoffCommand(context))
                .addSubcommand("serve", ServeCommand.commandLine(context))
                .addSubcommand(new SuitesCommand(context))
                .addSubcommand(new SchedulesCommand(context))
                .addSubcommand(new TestsCommand(context))
                .addSubcommand(new QuarantineCommand(context))
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new GateCommand(context))
                .addSubcommand(new ExecCommand(context))
                .addSubcommand(new DemoCommand(context));
        ErrorReporter errors = new ErrorReporter();
        line.setOut(writer(context.out()))
                .setErr(writer(context.err()))
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        Map<String, CommandLine> commands = line.getSubcommands();
        commands.get("suites").setDefaultValueProvider(OptionDefaults.environment(context.env(), "url"));
        commands.get("schedules").setDefaultValueProvider(OptionDefaults.environment(context.env(), "url"));
        commands.get("run").setDefaultValueProvider(OptionDefaults.environment(context.env(), "url"));
        commands.get("gate").setDefaultValueProvider(OptionDefaults.environment(context.env(), "url"));
        commands.get("exec").setDefaultValueProvider(OptionDefaults.environment(context.env(), "suites"));
        commands.get("demo").setDefaultValueProvider(OptionDefaults.settings(Settings.PORT));
        return line;
    }

    @Override
    public Integer call() {
        context.err()
                .println("give a command: serve, suites, schedules, run, gate, exec or demo (see 'handoff --help')");
        return ExitCode.ERROR;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    /** The version in the jar's manifest ({@code Implementation-Version}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(
                            HandoffCommand.class.getPackage().getImplementationVersion())
                    .orElse("development build");
            return new String[] {"handoff " + version, "Java " + Runtime.version()};
        }
    }
}
