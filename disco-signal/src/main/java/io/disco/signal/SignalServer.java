package io.disco.signal;

import io.disco.common.cli.GoDuration;
import io.disco.common.service.JettyLifecycle;
import io.disco.common.service.Service;
import io.disco.common.tls.TlsConnectors;
import io.disco.signal.router.Cluster;
import io.disco.signal.router.Router;
import io.disco.signal.router.RouterMeters;
import io.disco.signal.transport.EventLoopConnector;
import io.disco.signal.transport.MessageMeters;
import io.disco.signal.transport.WampEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The signaling router over secure websocket: Jetty's WebSocket API in front of a {@link Router}. */
public final class SignalServer implements Service {

    private final SignalConfig config;
    private final ScheduledExecutorService timers;
    private final Router router;
    private final WampEndpoint endpoint;
    private final Server server;
    private final ServerConnector connector;

    /** Why {@code --apps registered} cannot run without a directory of applications. */
    public static final String NEEDS_APP_STORE = "--apps registered needs the registered applications of the"
            + " discovery API: give --store redis://... (and --redis-prefix) as the API has them, or run disco.jar";

    /** @throws IllegalArgumentException if the config asks for registered apps and the context has none */
    public SignalServer(SignalConfig config, SignalContext context) {
        if (config.realms().registered() && context.apps().isEmpty()) {
            throw new IllegalArgumentException(NEEDS_APP_STORE);
        }
        Clock clock = context.clock();
        this.config = config;
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "disco-signal-timers");
            thread.setDaemon(true);
            return thread;
        });
        MeterRegistry meters = context.operations().meters();
        this.router = new Router(config.realms().anonymous(),
                config.realms().registered() ? context.apps() : Optional.empty(), config.limits(),
                new RouterMeters(meters), timers, clock, context.cluster().<Cluster>map(joined -> joined)
                .orElse(Cluster.STANDALONE));
        context.cluster().ifPresent(joined -> joined.serve(router.nodeRequests()));

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("disco-signal");
        server = new Server(threads);
        connector = TlsConnectors.https(server, config.tls(), config.host(), config.port(), EventLoopConnector::new);
        server.addConnector(connector);
        endpoint = new WampEndpoint(server, router, config.webSocket(), new MessageMeters(meters), timers, clock);
        server.setHandler(endpoint.handler());
        SignalOperations.register(context.operations(), server, connector, router);
    }

    @Override
    public void start() throws Exception {
        JettyLifecycle.start(server, "signaling router", config.host(), config.port());
    }

    @Override
    public void stop() {
        // Sessions hear GOODBYE (system_shutdown) before their connections close.
        router.shutdown();
        endpoint.close();
        JettyLifecycle.stop(server, "signaling router");
        timers.shutdownNow();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        return URI.create("wss://" + host + ":" + port() + "/");
    }

    /** What the router counts now; its figures for a metrics registry, and for tests. */
    public SignalCounters counters() {
        return new SignalCounters(router.connectionCount(), router.sessionCount());
    }

    /** The listening connector: what sits beside the router on it (handshake listeners) goes here. */
    ServerConnector connector() {
        return connector;
    }

    @Override
    public String describe() {
        return "signaling router on wss://" + config.host() + ":" + port() + "/ (" + config.realms().describe()
                + ", keepalive " + GoDuration.format(config.keepalive()) + ")";
    }
}
