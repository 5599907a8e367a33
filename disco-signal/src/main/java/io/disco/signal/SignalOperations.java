package io.disco.signal;

import io.disco.ops.Drainable;
import io.disco.ops.HealthCheck;
import io.disco.ops.Operations;
import io.disco.signal.router.Router;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What the signaling router shows operators beside what it counts as it routes
 * ({@code RouterMeters}, {@code MessageMeters}): sessions, connections, registrations and
 * subscriptions, read from the router when scraped; its Jetty's thread pool and connections,
 * tagged {@code server="signal"}; liveness (its listener open); and the drain of its sessions.
 */
final class SignalOperations {

    private static final Tags TAGS = Tags.of("server", "signal");

    private SignalOperations() {
    }

    static void register(Operations operations, Server server, ServerConnector connector, Router router) {
        MeterRegistry meters = operations.meters();
        Gauge.builder("disco.signal.sessions", router, Router::sessionCount)
                .description("WAMP sessions joined, in every realm").register(meters);
        Gauge.builder("disco.signal.connections", router, Router::connectionCount)
                .description("Websocket connections open, joined to a realm or not yet").register(meters);
        Gauge.builder("disco.signal.registrations", router, Router::registrationCount)
                .description("Procedures registered; a shared registration counts once").register(meters);
        Gauge.builder("disco.signal.subscriptions", router, Router::subscriptionCount)
                .description("Topics subscribed to; a subscription shared by many sessions counts once")
                .register(meters);
        new JettyServerThreadPoolMetrics(server.getThreadPool(), TAGS).bindTo(meters);
        JettyConnectionMetrics.addToAllConnectors(server, meters, TAGS);
        operations.alive(new Listening(server, connector));
        operations.drains(new Sessions(router));
    }

    /** Alive while the server runs and its websocket listener accepts. */
    private record Listening(Server server, ServerConnector connector) implements HealthCheck {
        @Override
        public String name() {
            return "signal-listener";
        }

        @Override
        public Optional<String> problem() {
            return server.isRunning() && connector.isOpen() ? Optional.empty()
                    : Optional.of("the signaling router's websocket listener is not accepting");
        }
    }

    /**
     * The router taken out of its fleet: new sessions are refused (the upgrade with 503, a HELLO
     * already on its way with ABORT {@code wamp.close.system_shutdown}), while the sessions it
     * holds call, register, publish and subscribe on until they leave.
     */
    private record Sessions(Router router) implements Drainable {
        @Override
        public String holds() {
            return "sessions";
        }

        @Override
        public void drain() {
            router.drain();
        }

        @Override
        public long remaining() {
            return router.sessionCount();
        }
    }
}
