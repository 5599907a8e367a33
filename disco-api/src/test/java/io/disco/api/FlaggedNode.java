package io.disco.api;

import io.disco.common.testing.TestTls;
import io.disco.ops.Operations;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A discovery API node built from its command-line flags as {@link ApiMain} builds it, on a free
 * loopback port with the test certificate and the system clock (the clock Redis expires by).
 */
final class FlaggedNode implements AutoCloseable {

    final ApiServer server;
    final Operations operations = new Operations();

    FlaggedNode(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--disco-host", "127.0.0.1", "--disco-port", "0",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        args.addAll(List.of(flags));
        ApiMain main = new ApiMain();
        new CommandLine(main).parseArgs(args.toArray(String[]::new));
        ApiConfig config = main.api.toConfig(TestTls.identity());
        Clock clock = Clock.systemUTC();
        server = new ApiServer(config, ApiContext.open(config.store(), clock, operations));
        server.start();
    }

    /** As the certificate names it. */
    URI uri() {
        return URI.create("https://localhost:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
