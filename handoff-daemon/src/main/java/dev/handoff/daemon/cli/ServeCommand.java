package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.runner.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code handoff serve}: the daemon. Every option can also come from a {@code HANDOFF_*} variable
 * or the config file ({@link OptionDefaults}); the usage help shows each one's variable and
 * default.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
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

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + Handoff.Builder.DEFAULT_PORT,
            converter = OptionTypes.Port.class,
            description = "Port to listen on; 0 picks a free one, printed at start. Env: HANDOFF_PORT.")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = Handoff.Builder.DEFAULT_HOST,
            description = "Address to listen on. Env: HANDOFF_HOST.")
    String host;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "./handoff-data",
            description = "Folder of the H2 database. Env: HANDOFF_DATA_DIR.")
    Path dataDir;

    @Option(
            names = "--suites",
            paramLabel = "PATH",
            showDefaultValue = Visibility.NEVER,
            description = {
                "A jar or folder of compiled suites and their dependencies; repeatable, or several separated by "
                        + "':' (';' on Windows). Env: HANDOFF_SUITES.",
                "Default: none"
            })
    List<String> suites = new ArrayList<>();

    @Option(
            names = "--max-concurrent-runs",
            paramLabel = "N",
            defaultValue = "" + Handoff.Builder.DEFAULT_MAX_CONCURRENT_RUNS,
            converter = OptionTypes.Count.class,
            description = "How many runs execute at once; more wait, pending. Env: HANDOFF_MAX_CONCURRENT_RUNS.")
    int maxConcurrentRuns;

    @Option(
            names = "--environment",
            paramLabel = "NAME",
            defaultValue = "",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Stored with each run, such as the cluster's name. Env: HANDOFF_ENVIRONMENT.",
                "Default: empty"
            })
    String environment;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = OptionTypes.Length.class,
            description = "How long running tests may take to finish when stopping. Env: HANDOFF_SHUTDOWN_GRACE.")
    Duration shutdownGrace;

    @Option(
            names = "--retention",
            paramLabel = "DURATION",
            defaultValue = "30d",
            converter = OptionTypes.PositiveLength.class,
            description = "How long finished runs are kept. Env: HANDOFF_RETENTION.")
    Duration retention;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Keep everything in this database instead of the H2 file in --data-dir: jdbc:postgresql://HOST/DB "
                        + "runs several replicas on one database. Env: HANDOFF_DB_URL.",
                "Default: none (H2 in --data-dir)"
            })
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            showDefaultValue = Visibility.NEVER,
            description = {"User of --db-url. Env: HANDOFF_DB_USER.", "Default: none (the URL's)"})
    String dbUser;

    @Option(
            names = "--db-password",
            paramLabel = "PASSWORD",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Password of --db-url; rather HANDOFF_DB_PASSWORD or --db-password-file, which process "
                        + "listings do not show. Env: HANDOFF_DB_PASSWORD.",
                "Default: none"
            })
    String dbPassword;

    @Option(
            names = "--db-password-file",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "File holding the password of --db-url (a mounted secret); a final line break is ignored. "
                        + "Env: HANDOFF_DB_PASSWORD_FILE.",
                "Default: none"
            })
    Path dbPasswordFile;

    @Option(
            names = "--max-pending-runs",
            paramLabel = "N",
            defaultValue = "" + Handoff.Builder.DEFAULT_MAX_PENDING_RUNS,
            converter = OptionTypes.Count.class,
            description =
                    "How many runs of one suite may wait to start; more triggers get 429. Env: HANDOFF_MAX_PENDING_RUNS.")
    int maxPendingRuns;

    @Option(
            names = "--api-tokens",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Requires API tokens, from lines 'ROLE TOKEN [NAME]' (roles read, trigger, admin). Env: HANDOFF_API_TOKENS.",
                "Default: none, anyone may trigger runs"
            })
    Path apiTokens;

    @Option(
            names = "--public-read",
            defaultValue = "false",
            description =
                    "With --api-tokens: reads (pages, runs, schedules, /metrics) need no token. Env: HANDOFF_PUBLIC_READ.")
    boolean publicRead;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Serves HTTPS with this PEM certificate chain (needs --tls-key). Env: HANDOFF_TLS_CERT.",
                "Default: none, HTTP"
            })
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "The PEM private key (PKCS#8, unencrypted) of --tls-cert. Env: HANDOFF_TLS_KEY.",
                "Default: none"
            })
    Path tlsKey;

    @Option(
            names = "--tls-client-ca",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Accepts client certificates signed by these PEM CA certificates (needs --tls-client-roles). "
                        + "Env: HANDOFF_TLS_CLIENT_CA.",
                "Default: none"
            })
    Path tlsClientCa;

    @Option(
            names = "--tls-client-roles",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Roles of client certificates, from lines 'ROLE SUBJECT' such as 'trigger CN=ci-bot,O=Acme'. "
                        + "Env: HANDOFF_TLS_CLIENT_ROLES.",
                "Default: none"
            })
    Path tlsClientRoles;

    @Option(
            names = "--isolation",
            paramLabel = "none|fork",
            defaultValue = "none",
            converter = OptionTypes.IsolationValue.class,
            description = "Where each run executes: none = in the daemon's JVM, fork = in a JVM of its own "
                    + "(as Surefire forks), so runs do not share system properties, locale or statics. "
                    + "Env: HANDOFF_ISOLATION.")
    Isolation isolation;

    @Option(
            names = "--fork-jvm-args",
            paramLabel = "OPTIONS",
            showDefaultValue = Visibility.NEVER,
            description = {
                "With --isolation fork: options of each run's JVM, separated by spaces, such as "
                        + "'-Xmx512m -Dshop.url=http://shop'. Env: HANDOFF_FORK_JVM_ARGS.",
                "Default: none"
            })
    String forkJvmArgs;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            showDefaultValue = Visibility.NEVER,
            description = {"Properties file with defaults for the options above. Env: HANDOFF_CONFIG.", "Default: none"
            })
    Path config;

    @Mixin
    HookFlags hooks = new HookFlags();

    private final CliContext context;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    /** The {@code --config} flag, for {@link OptionDefaults} (picocli applies defaults once flags are parsed). */
    Optional<Path> configFlag() {
        return Optional.ofNullable(config);
    }

    ServeOptions options() {
        if (tlsClientCa != null && tlsClientRoles == null) {
            throw new CliException(
                    "--tls-client-ca needs --tls-client-roles: the roles of the certificates it accepts");
        }
        return new ServeOptions(
                host,
                port,
                dataDir,
                OptionTypes.pathList(suites),
                maxConcurrentRuns,
                environment,
                shutdownGrace,
                retention,
                DatabaseOptions.login(dbUrl, dbUser, dbPassword, dbPasswordFile),
                hooks.options(),
                new ServeOptions.Security(
                        Optional.ofNullable(apiTokens),
                        publicRead,
                        Optional.ofNullable(tlsCert),
                        Optional.ofNullable(tlsKey),
                        Optional.ofNullable(tlsClientCa),
                        Optional.ofNullable(tlsClientRoles),
                        maxPendingRuns),
                new ServeOptions.Isolating(isolation, OptionTypes.words(forkJvmArgs)));
    }

    @Override
    public Integer call() {
        ServeOptions options = options();
        if (options.suites().isEmpty()) {
            throw new CliException(
                    "no suites to serve: give --suites with a jar or folder of compiled suites (or set HANDOFF_SUITES)");
        }
        DaemonStartup.requireFreePort(options.host(), options.port());
        Handoff handoff = DaemonStartup.start(options.builder());
        if (handoff.catalog().suites().isEmpty()) {
            // A daemon with nothing to run would answer /ready with 200 and look healthy.
            handoff.close();
            throw new CliException("no @HandoffSuite classes in "
                    + options.suites().stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                    + ": give --suites the compiled suites (a test jar or test-classes) and their jars");
        }
        context.out().println("Handoff listening on " + handoff.url());
        context.out().println(DaemonStartup.describeSuites(handoff));
        context.out().println("Runs: " + handoff.isolation());
        StopSignals.keepUntilStopped(handoff, options.shutdownGrace(), context.out());
        return ExitCode.OK;
    }
}
