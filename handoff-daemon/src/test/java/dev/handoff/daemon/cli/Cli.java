package dev.handoff.daemon.cli;

import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.TextSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code handoff} in this JVM and keeps what it printed. */
final class Cli {

    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HandoffCommand.execute(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The settings {@code serve} would run with, checked, without starting anything. */
    static DaemonConfig serveOptions(Map<String, String> env, String... args) {
        return serve(env, args).config();
    }

    /** The settings {@code serve} would run with, and its notices, without checking them together. */
    static TextSources.Resolved serveSources(Map<String, String> env, String... args) {
        return serve(env, args).resolve();
    }

    private static ServeCommand serve(Map<String, String> env, String... args) {
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
        var line = HandoffCommand.commandLine(new CliContext(env, nowhere, nowhere));
        String[] serveArgs = new String[args.length + 1];
        serveArgs[0] = "serve";
        System.arraycopy(args, 0, serveArgs, 1, args.length);
        line.parseArgs(serveArgs);
        return (ServeCommand) line.getSubcommands().get("serve").getCommand();
    }
}
