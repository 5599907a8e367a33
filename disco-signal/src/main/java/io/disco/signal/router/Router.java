package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampCodec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The WAMP router: its realms by name, and the connections of its clients. Free of any transport.
 * One realm is served today, the configured one; a HELLO for any other is refused.
 */
public final class Router {

    private static final ObjectNode ROLES = roles();

    private final Map<String, Realm> realms;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    public Router(String realm, RouterLimits limits, ScheduledExecutorService timers, Clock clock) {
        this.realms = Map.of(realm, new Realm(realm, limits, timers, clock));
    }

    /** A new client connection; {@code transport} describes it for the meta API. */
    public Connection connect(Outbox outbox, ObjectNode transport) {
        Connection connection = new Connection(this, outbox, transport);
        connections.add(connection);
        return connection;
    }

    /** Says GOODBYE ({@code wamp.close.system_shutdown}) to every session and closes it. */
    public void shutdown() {
        for (Connection connection : List.copyOf(connections)) {
            connection.shutdown();
        }
    }

    /** The realm a HELLO names, if this router serves it. */
    public Optional<Realm> realm(String name) {
        return Optional.ofNullable(realms.get(name));
    }

    /** Client connections, joined to a realm or not yet. */
    public int connectionCount() {
        return connections.size();
    }

    /** Sessions joined to any realm. */
    public int sessionCount() {
        int count = 0;
        for (Realm realm : realms.values()) {
            count += realm.sessionCount();
        }
        return count;
    }

    void forget(Connection connection) {
        connections.remove(connection);
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
