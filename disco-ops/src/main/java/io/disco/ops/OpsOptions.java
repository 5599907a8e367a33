package io.disco.ops;

import io.disco.common.admin.AdminToken;
import io.disco.common.cli.Converters;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

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

    /** @param adminToken the process's admin token, if its command line gave one */
    public OpsConfig toConfig(Optional<AdminToken> adminToken) {
        return new OpsConfig(OpsConfig.resolve(host), port == null ? OptionalInt.empty() : OptionalInt.of(port),
                drainTimeout, adminToken);
    }
}
