package io.disco.api;

import io.disco.api.apps.AppKeys;
import io.disco.api.apps.AppRegistry;
import io.disco.api.apps.AppsConfig;
import io.disco.api.audit.GroupAuditLog;
import io.disco.api.audit.WriteClients;
import io.disco.api.cors.CrossOrigins;
import io.disco.api.expiry.ExpirySweeper;
import io.disco.api.group.GroupEvents;
import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.metrics.GroupMeters;
import io.disco.api.metrics.MeteredGroupStore;
import io.disco.api.ice.IceServersIssuer;
import io.disco.api.rest.ApiApplication;
import io.disco.api.rest.AppAuthentication;
import io.disco.api.rest.GroupCreates;
import io.disco.api.rest.JerseyHandler;
import io.disco.api.rest.JsonErrorHandler;
import io.disco.api.rest.StoredReads;
import io.disco.api.store.AppStore;
import io.disco.api.store.GroupStore;
import io.disco.api.throttle.ClientAddresses;
import io.disco.api.throttle.FailureBudget;
import io.disco.api.throttle.WriteThrottle;
import io.disco.common.cli.GoDuration;
import io.disco.common.service.JettyLifecycle;
import io.disco.common.service.Service;
import io.disco.common.tls.TlsConnectors;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The discovery API over HTTPS: Jersey on Jetty (stored reads and creates ahead of it), its store and its expiry sweeper. */
public final class ApiServer implements Service {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ApiConfig config;
    private final GroupStore store;
    private final AppStore apps;
    private final ExpirySweeper sweeper;
    private final Server server;
    private final ServerConnector connector;

    /** The context's store is the server's from now on: {@link #stop()} closes it. */
    public ApiServer(ApiConfig config, ApiContext context) {
        this.config = config;
        this.store = context.store();
        this.apps = context.apps();
        MeterRegistry meters = context.operations().meters();
        GroupStore metered = new MeteredGroupStore(store, meters);
        GroupEvents events = GroupEvents.all(new GroupMeters(store, meters), new GroupAuditLog());
        this.sweeper = new ExpirySweeper(metered, context.clock(), config.sweepInterval(), events);
        GroupRegistry registry = new GroupRegistry(metered, new GroupRules(config.limits()), config.quota(),
                config.ttl(), context.clock(), config.minQuorum(), events);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("disco-api");
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setErrorHandler(new JsonErrorHandler());

        connector = TlsConnectors.https(server, config.tls(), config.host(), config.port());
        server.addConnector(connector);

        AppsConfig modes = config.apps();
        AppKeys keys = new AppKeys(apps, context.clock());
        Optional<AppRegistry> admin = modes.adminToken().map(token ->
                new AppRegistry(apps, keys, context.clock(), new SecureRandom(), modes.keyGrace()));
        IceServersIssuer ice = new IceServersIssuer(config.ice(), context.localRelay(), context.fleet(),
                context.clock());
        Handler jersey = new JerseyHandler(new ApiApplication(registry, admin, ice, config.maxBodyBytes()));
        if (admin.isPresent() || modes.registered()) {
            jersey = new AppAuthentication(modes.adminToken(), modes.registered() ? Optional.of(keys) : Optional.empty(),
                    new FailureBudget(config.writes().trustedProxies(), context.clock()), jersey);
        }
        // In registered mode every request goes to Jersey, past the key check: the handlers
        // ahead of it serve open mode, at no cost per request added for the modes.
        Handler api = modes.registered() ? jersey
                : new StoredReads(registry, new GroupCreates(registry, config.maxBodyBytes(), jersey));
        ClientAddresses clients = new ClientAddresses(config.writes().trustedProxies());
        server.setHandler(new GracefulHandler(new WriteClients(clients, CrossOrigins.allow(config.corsOrigins(),
                WriteThrottle.around(config.writes(), context.clock(), api)))));
        ApiOperations.register(context.operations(), server, connector, store, clients, config.accessLog());
    }

    /** A server that cannot start (its port taken, say) closes its store before it says why. */
    @Override
    public void start() throws Exception {
        try {
            JettyLifecycle.start(server, "discovery API", config.host(), config.port());
        } catch (Exception e) {
            closeStores();
            throw e;
        }
        sweeper.start();
    }

    @Override
    public void stop() {
        sweeper.close();
        try {
            JettyLifecycle.stop(server, "discovery API");
        } finally {
            // After Jetty, whose graceful stop lets requests in flight finish with the store.
            closeStores();
        }
    }

    private void closeStores() {
        try {
            apps.close();
        } finally {
            store.close();
        }
    }

    /** The bound port, useful when the config asked for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
        return URI.create("https://" + host + ":" + port());
    }

    public GroupStore store() {
        return store;
    }

    public AppStore apps() {
        return apps;
    }

    public ExpirySweeper sweeper() {
        return sweeper;
    }

    @Override
    public String describe() {
        return "discovery API on https://" + config.host() + ":" + port() + " (group TTL "
                + GoDuration.format(config.ttl().defaultTtl()) + ", swept every "
                + GoDuration.format(config.sweepInterval())
                + (config.corsOrigins().isEmpty() ? "" : ", CORS for " + config.corsOrigins())
                + (config.apps().registered() ? ", registered applications only" : "")
                + (config.apps().adminToken().isPresent() ? ", admin API on /apps" : "") + ")";
    }
}
