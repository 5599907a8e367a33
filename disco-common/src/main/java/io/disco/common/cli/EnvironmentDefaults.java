package io.disco.common.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every flag come from the environment: {@code --ttl-hearbeat} is read from
 * {@code DISCO_TTL_HEARBEAT}, and from {@code DISCO_TTL_HEARTBEAT} through its alias. The
 * command line wins over the environment, which wins over the built-in default.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final String PREFIX = "DISCO_";

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The name of the variable a flag is read from. */
    public static String variableFor(String flag) {
        return PREFIX + flag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        for (String name : option.names()) {
            String value = environment.get(variableFor(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
