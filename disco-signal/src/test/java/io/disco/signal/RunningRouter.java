package io.disco.signal;

import io.disco.common.testing.TestTls;
import io.disco.signal.router.RouterLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** A real signaling router on a free loopback port, over TLS. */
public final class RunningRouter implements AutoCloseable {

    public final SignalServer server;

    public RunningRouter() throws Exception {
        this(new RouterLimits(5, 5, 5), 64 * 1024, Duration.ofSeconds(30), 1024);
    }

    public RunningRouter(RouterLimits limits, long maxMessageBytes, Duration keepalive, int maxQueued)
            throws Exception {
        server = new SignalServer(new SignalConfig("127.0.0.1", 0, "main", TestTls.identity(), maxMessageBytes,
                keepalive, maxQueued, limits), new SignalContext(Clock.systemUTC()));
        server.start();
    }

    public URI uri() {
        return URI.create("wss://127.0.0.1:" + server.port() + "/");
    }

    public int sessions() {
        return server.counters().sessions();
    }

    @Override
    public void close() {
        server.stop();
    }
}
