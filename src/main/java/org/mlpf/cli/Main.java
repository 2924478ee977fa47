package org.mlpf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;
import org.mlpf.generate.io.EventFormatException;
import org.mlpf.pipeline.RootLock;
import org.mlpf.schema.SchemaMismatchException;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mlpf} command line: one subcommand per stage. Parsing only; each subcommand calls library code.
 * Exit codes are in {@link ExitCodes}. Expected failures (bad data, bad configuration) print one line to
 * stderr; only internal errors print a stack trace (to stderr).
 */
@Command(name = "mlpf", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionCommand.class,
        description = "Machine-learned particle-flow reconstruction on Apache Spark.",
        subcommands = {PipelineCommand.class, GenerateCommand.class, SimulateCommand.class, ValidateCommand.class,
            TensorizeCommand.class, TrainCommand.class, InferCommand.class,
            ClusterJetsCommand.class, JetsCommand.class, MetCommand.class, CompareCommand.class,
            SchemaCommand.class, ConfigCommand.class, VersionCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Configuration: conf/*.conf (docs/configuration.md); --conf FILE picks one, --set KEY=VALUE and "
                + "flags override it.",
            "Exit codes: 0 ok, 1 invalid or unreadable data, 2 usage or configuration error, 70 internal error, "
                + "75 busy (another pipeline run holds the root)."})
public final class Main {
    /** Environment variable naming the default config file (set by jobs/mlpf to conf/local.conf). */
    public static final String CONF_ENV = "MLPF_CONF";
    /** Help text width: wide enough that each option's documentation reads as one line on most terminals. */
    private static final int USAGE_WIDTH = 120;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        // A failed job can leave non-daemon Spark threads behind; do not let them keep the JVM alive.
        System.exit(code);
    }

    /** Runs the command line {@code args} and returns the exit code; the entry point for tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Settings settings;
        try {
            settings = preloadSettings(args);
        } catch (ConfigException e) {
            err.println("mlpf: error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CommandLine cl = commandLine(settings);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured command hierarchy, defaults taken from {@code settings}. */
    static CommandLine commandLine(Settings settings) {
        CommandLine cl = new CommandLine(Main.class);
        cl.setResourceBundle(ConfigDefaults.descriptions());
        cl.setUsageHelpWidth(USAGE_WIDTH);
        cl.setDefaultValueProvider(new ConfigDefaults(settings));
        cl.setParameterExceptionHandler(Main::onParameterError);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> onExecutionError(ex, cmd));
        return cl;
    }

    /**
     * Loads the configuration before picocli parses, so that defaults (and {@code --help}) reflect it: the file of
     * {@code --conf}, else of {@code $MLPF_CONF}, else the registry defaults; then every {@code --set}.
     */
    static Settings preloadSettings(String[] args) {
        String conf = null;
        Settings s = Settings.defaults();
        List<String> argv = List.of(args);
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--conf") && i + 1 < argv.size()) {
                conf = argv.get(++i);
            } else if (a.startsWith("--conf=")) {
                conf = a.substring("--conf=".length());
            }
        }
        if (conf == null) {
            conf = System.getenv(CONF_ENV);
        }
        if (conf != null && !conf.isEmpty()) {
            s = s.withFile(Path.of(conf));
        }
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--set") && i + 1 < argv.size()) {
                s = s.withAssignment(argv.get(++i), "command line --set");
            } else if (a.startsWith("--set=")) {
                s = s.withAssignment(a.substring("--set=".length()), "command line --set");
            }
        }
        return s;
    }

    private static int onParameterError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("mlpf: error: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options and their defaults.");
        return ExitCodes.USAGE;
    }

    private static int onExecutionError(Exception ex, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof ConfigException || ex instanceof ParameterException) {
            err.println(name + ": error: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof InputException || ex instanceof SchemaMismatchException
                || ex instanceof EventFormatException) {
            err.println(name + ": error: " + ex.getMessage());
            return ExitCodes.BAD_DATA;
        }
        if (ex instanceof OutputException) {
            err.println(name + ": error: " + ex.getMessage());
            return ExitCodes.CANNOT_WRITE;
        }
        if (ex instanceof RootLock.LockedException) {
            err.println(name + ": error: " + ex.getMessage());
            return ExitCodes.BUSY;
        }
        err.println(name + ": internal error: " + ex);
        ex.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }
}
