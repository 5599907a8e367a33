package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.signal.wamp.WampCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAMP router: its realms by name, and the connections of its clients. Free of any transport.
 * It serves an anonymous realm, joined without credentials, and, given a directory of registered
 * applications, a realm per application, joined with the app's key. A HELLO for any other realm
 * is refused.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final ObjectNode ROLES = roles();

    private final Optional<Realm> anonymous;
    private final Optional<AppRealms> apps;
    private final RouterMeters meters;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /**
     * A router of the anonymous realm {@code anonymousRealm} if one is given, and of a realm per
     * application of {@code apps} if that is given; an app deleted from it has its realm closed.
     */
    public Router(Optional<String> anonymousRealm, Optional<AppDirectory> apps, RouterLimits limits,
                  RouterMeters meters, ScheduledExecutorService timers, Clock clock) {
        this(anonymousRealm, apps, limits, meters, timers, clock, Cluster.STANDALONE);
    }

    /** As above, one router of {@code cluster}. */
    public Router(Optional<String> anonymousRealm, Optional<AppDirectory> apps, RouterLimits limits,
                  RouterMeters meters, ScheduledExecutorService timers, Clock clock, Cluster cluster) {
        this.anonymous = anonymousRealm.map(name -> new Realm(name, limits, meters, timers, clock, cluster));
        this.apps = apps.map(directory -> new AppRealms(directory,
                name -> new Realm(name, limits, meters, timers, clock, cluster), cluster::newSessionId, clock));
        this.meters = meters;
        this.timers = timers;
        this.clock = clock;
        apps.ifPresent(directory -> directory.onDeleted(this::appDeleted));
    }

    /** A new client connection; {@code transport} describes it for the meta API. */
    public Connection connect(Outbox outbox, ObjectNode transport) {
        Connection connection = new Connection(this, outbox, transport, clock);
        connections.add(connection);
        return connection;
    }

    /** Says GOODBYE ({@code wamp.close.system_shutdown}) to every session and closes it. */
    public void shutdown() {
        for (Connection connection : List.copyOf(connections)) {
            connection.shutdown();
        }
    }

    /**
     * Refuses new sessions from now on (a HELLO is answered with ABORT
     * {@code wamp.close.system_shutdown}); the sessions joined already go on as before.
     */
    public void drain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    public RouterMeters meters() {
        return meters;
    }

    /** The anonymous realm, if a HELLO names it. */
    Optional<Realm> anonymousRealm(String name) {
        return anonymous.filter(realm -> realm.name.equals(name));
    }

    /** A realm with sessions in it now, named {@code name}. */
    Optional<Realm> openRealm(String name) {
        Optional<Realm> realm = anonymousRealm(name);
        return realm.isPresent() ? realm : apps.flatMap(realms -> realms.open(name));
    }

    /** Every realm with sessions in it now. */
    List<Realm> openRealms() {
        List<Realm> open = new ArrayList<>();
        anonymous.ifPresent(open::add);
        apps.ifPresent(realms -> open.addAll(realms.open()));
        return open;
    }

    /** Where the other routers of the cluster reach this one's realms. */
    public NodeRequests nodeRequests() {
        return new NodeRequests(this);
    }

    /** The applications' realms, if this router serves them. */
    Optional<AppRealms> apps() {
        return apps;
    }

    /** Client connections, joined to a realm or not yet. */
    public int connectionCount() {
        return connections.size();
    }

    /** Sessions joined to any realm. */
    public int sessionCount() {
        return sum(Realm::sessionCount);
    }

    /** Procedures registered, in every realm; a shared registration counts once. */
    public int registrationCount() {
        return sum(Realm::registrationCount);
    }

    /** Topics subscribed to, in every realm; a subscription many sessions share counts once. */
    public int subscriptionCount() {
        return sum(Realm::subscriptionCount);
    }

    private int sum(ToIntFunction<Realm> count) {
        return anonymous.map(count::applyAsInt).orElse(0) + apps.map(realms -> realms.sum(count)).orElse(0);
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    /** A session left {@code realm}: an app realm left empty is dropped. */
    void left(Realm realm) {
        apps.ifPresent(realms -> realms.left(realm));
    }

    /**
     * Closes the deleted app's realm at once, so that nobody joins it any more, and ends its
     * sessions with GOODBYE on the router's own thread: the directory's listener must be brief.
     */
    private void appDeleted(AppId app) {
        Realm realm = apps.orElseThrow().deleted(app);
        try {
            timers.execute(() -> {
                int sessions = realm.sessionCount();
                for (Connection connection : List.copyOf(connections)) {
                    connection.closeRealm(realm);
                }
                LOG.info("Application {} was deleted: its realm is closed, {} session(s) ended", app, sessions);
            });
        } catch (RejectedExecutionException stopped) {
            // The router has stopped; its sessions are gone already.
        }
    }

    /** What WELCOME tells a session: its realm, who it was authenticated as, and what this router does. */
    static ObjectNode welcomeDetails(Realm realm, WampSession session) {
        ObjectNode details = WampCodec.dict();
        details.put("realm", realm.name);
        session.authentication.describe(details);
        details.set("roles", ROLES);
        return details;
    }

    /** What this router implements, and nothing it does not. */
    private static ObjectNode roles() {
        ObjectNode roles = WampCodec.dict();
        ObjectNode dealer = roles.putObject("dealer").putObject("features");
        for (String feature : new String[] {"call_canceling", "call_timeout", "caller_identification",
                "pattern_based_registration", "progressive_call_results", "registration_meta_api",
                "session_meta_api", "shared_registration"}) {
            dealer.put(feature, true);
        }
        ObjectNode broker = roles.putObject("broker").putObject("features");
        for (String feature : new String[] {"pattern_based_subscription", "publisher_exclusion",
                "publisher_identification", "session_meta_api", "subscriber_blackwhite_listing",
                "subscription_meta_api"}) {
            broker.put(feature, true);
        }
        return roles;
    }
}
