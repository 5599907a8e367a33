package io.disco.api;

import io.disco.api.audit.AccessLog;
import io.disco.api.metrics.RequestMetrics;
import io.disco.api.store.GroupStore;
import io.disco.api.throttle.ClientAddresses;
import io.disco.ops.HealthCheck;
import io.disco.ops.Operations;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import java.util.Optional;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What the discovery API shows operators about its Jetty: requests (and the access log, when
 * asked for), the thread pool and connections, tagged {@code server="api"}, liveness (its
 * listener open) and readiness (its store reachable). It keeps serving while the process drains:
 * the groups it holds are no sessions to move elsewhere.
 */
final class ApiOperations {

    private static final Tags TAGS = Tags.of("server", "api");

    private ApiOperations() {
    }

    static void register(Operations operations, Server server, ServerConnector connector, GroupStore store,
            ClientAddresses clients, boolean accessLog) {
        RequestMetrics requests = new RequestMetrics(operations.meters());
        if (accessLog) {
            AccessLog lines = new AccessLog(clients);
            server.addBean(lines);
            server.setRequestLog(new RequestLog.Collection(requests, lines));
        } else {
            server.setRequestLog(requests);
        }
        new JettyServerThreadPoolMetrics(server.getThreadPool(), TAGS).bindTo(operations.meters());
        JettyConnectionMetrics.addToAllConnectors(server, operations.meters(), TAGS);
        operations.alive(HealthCheck.of("api-listener", () -> server.isRunning() && connector.isOpen()
                ? Optional.empty() : Optional.of("the discovery API's HTTPS listener is not accepting")));
        operations.ready(HealthCheck.of("api-store", store::problem));
    }
}
