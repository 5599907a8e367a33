package io.disco.common.cli;

import io.disco.common.tls.TlsConfigException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * Runs a service's command line the same way for every disco program: flags from the
 * environment too, a wrong flag or value stopping start-up with one line and exit code 2, any
 * other start-up failure with one line and exit code 1.
 */
public final class CommandRunner {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    private CommandRunner() {
    }

    /** Runs with the process's environment and standard streams. */
    public static int run(Object command, String... args) {
        return run(command, args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(Object command, String[] args, Map<String, String> environment, PrintWriter out,
                          PrintWriter err) {
        CommandLine line = new CommandLine(command);
        String name = line.getCommandName();
        line.setDefaultValueProvider(new EnvironmentDefaults(environment));
        // Wide enough that every flag and its default fit on one line, as in the original's help.
        line.setUsageHelpWidth(140);
        line.setUsageHelpLongOptionsMaxWidth(44);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((e, ignored) -> {
            err.println(name + ": " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, ignored, result) -> {
            if (e instanceof TlsConfigException) {
                err.println(name + ": " + e.getMessage());
                return USAGE;
            }
            err.println(name + ": cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILURE;
        });
        return line.execute(args);
    }

    /** {@code --version} prints the version the jar was built as. */
    public static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CommandRunner.class.getPackage().getImplementationVersion();
            return new String[] {"${COMMAND-NAME} " + (version == null ? "(development build)" : version)};
        }
    }
}
