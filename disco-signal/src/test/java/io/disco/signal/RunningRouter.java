package io.disco.signal;

import io.disco.common.apps.AppDirectory;
import io.disco.common.testing.TestTls;
import io.disco.ops.Operations;
import io.disco.signal.cluster.RedisCluster;
import io.disco.signal.router.RouterLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A real signaling router on a free loopback port, over TLS. */
public final class RunningRouter implements AutoCloseable {

    public final SignalServer server;

    public RunningRouter() throws Exception {
        this(new RouterLimits(5, 5, 5), 64 * 1024, Duration.ofSeconds(30), 1024);
    }

    public RunningRouter(RouterLimits limits, long maxMessageBytes, Duration keepalive, int maxQueued)
            throws Exception {
        this(Realms.open("main"), new SignalContext(Clock.systemUTC()), limits, maxMessageBytes, keepalive, maxQueued);
    }

    /** A router of the anonymous realm {@code main} whose meters, checks and drain go to {@code operations}. */
    public RunningRouter(Operations operations) throws Exception {
        this(Realms.open("main"), new SignalContext(Clock.systemUTC(), Optional.empty(), operations),
                new RouterLimits(5, 5, 5), 64 * 1024, Duration.ofSeconds(30), 1024);
    }

    /** A router of a realm per application of {@code apps}, and of the anonymous realm {@code main} if asked. */
    public RunningRouter(AppDirectory apps, boolean anonymousRealm, Clock clock) throws Exception {
        this(new Realms("main", Realms.Apps.REGISTERED, anonymousRealm), new SignalContext(clock, Optional.of(apps)),
                new RouterLimits(5, 5, 5), 64 * 1024, Duration.ofSeconds(30), 1024);
    }

    /** A router of the anonymous realm {@code main}, one of {@code cluster}, which it does not close. */
    public RunningRouter(RedisCluster cluster) throws Exception {
        this(Realms.open("main"), new SignalContext(Clock.systemUTC(), Optional.empty(), new Operations(),
                Optional.of(cluster)), new RouterLimits(5, 5, 5), 64 * 1024, Duration.ofSeconds(30), 1024);
    }

    private RunningRouter(Realms realms, SignalContext context, RouterLimits limits, long maxMessageBytes,
                          Duration keepalive, int maxQueued) throws Exception {
        server = new SignalServer(new SignalConfig("127.0.0.1", 0, realms, TestTls.identity(), maxMessageBytes,
                keepalive, maxQueued, limits), context);
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
