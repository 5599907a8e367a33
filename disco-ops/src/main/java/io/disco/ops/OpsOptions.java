package io.disco.ops;

import io.disco.common.admin.AdminToken;
import io.disco.common.cli.Converters;
import io.disco.logging.LogFormat;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The flags of the operators' listener, the same on every jar. */
public final class OpsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "Serve /metrics (Prometheus), /healthz, /readyz and /drain over plain HTTP on this port"
                    + " (default: off)")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the metrics listener; any but loopback needs --admin-token-file, which"
                    + " POST /drain then asks for (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "5m0s",
            converter = Converters.PositiveDuration.class,
            description = "How long `drain` waits for allocations and sessions to end before the process may be"
                    + " stopped anyway (default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text", converter = LogFormats.class,
            description = "text lines, or one JSON object per line with time, level, logger, message, service and the"
                    + " event's fields (default: ${DEFAULT-VALUE})")
    LogFormat logFormat;

    /** Writes every log line from now on as {@code --log-format} says, naming {@code service} in JSON. */
    public void applyLogFormat(String service) {
        logFormat.apply(service);
    }

    /** @param adminToken the process's admin token, if its command line gave one */
    public OpsConfig toConfig(Optional<AdminToken> adminToken) {
        return new OpsConfig(OpsConfig.resolve(host), port == null ? OptionalInt.empty() : OptionalInt.of(port),
                drainTimeout, adminToken);
    }

    static final class LogFormats implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            try {
                return LogFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is neither text nor json");
            }
        }
    }
}
