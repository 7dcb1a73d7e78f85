package dev.handoff.daemon.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns every error into one line on stderr and {@link ExitCode#ERROR}: scripts read the exit
 * code, people read the line; neither wants a usage page or a stack trace.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        print(command, parseProblem(ex));
        return ExitCode.ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        print(command, ex instanceof CliException ? ex.getMessage() : "unexpected error: " + ex);
        return ExitCode.ERROR;
    }

    private static String parseProblem(ParameterException ex) {
        if (ex.getCause() instanceof CliException problem) {
            return problem.getMessage();
        }
        if (ex.getCause() instanceof TypeConversionException reason && ex.getArgSpec() instanceof OptionSpec option) {
            OptionDefaults.Source source =
                    ex.getCommandLine().getDefaultValueProvider() instanceof OptionDefaults defaults
                            ? defaults.sourceOf(option, ex.getValue()).orElse(OptionDefaults.Source.flag(option))
                            : OptionDefaults.Source.flag(option);
            return source.quote(ex.getValue()) + " " + reason.getMessage();
        }
        String firstLine = ex.getMessage().lines().findFirst().orElse("invalid arguments");
        return firstLine + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
    }

    private static void print(CommandLine command, String line) {
        PrintWriter err = command.getErr();
        err.println(line.lines().findFirst().orElse(line));
        err.flush();
    }
}
