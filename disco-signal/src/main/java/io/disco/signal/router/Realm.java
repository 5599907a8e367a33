package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongFunction;

/** One WAMP realm: its sessions, its dealer and broker, and the meta API over them. */
public final class Realm {

    final String name;
    private final Map<Long, WampSession> sessions = new ConcurrentHashMap<>();
    final Dealer dealer;
    final Broker broker;
    final MetaApi meta;
    final ClusterRealm cluster;
    private final Cluster ids;
    /** Callers of other routers of the cluster with calls to this realm's callees, by session id. */
    private final Map<Long, WampSession> remoteCallers = new ConcurrentHashMap<>();
    /** No session joins any more: the realm emptied and is dropped, or its application was deleted. */
    private boolean closed;

    Realm(String name, RouterLimits limits, RouterMeters meters, ScheduledExecutorService timers, Clock clock,
          Cluster cluster) {
        this.name = name;
        this.ids = cluster;
        this.cluster = cluster.realm(name);
        this.dealer = new Dealer(limits, meters, timers, clock, this.cluster);
        this.broker = new Broker(limits, clock, this.cluster);
        this.meta = new MetaApi(this, dealer, broker);
        dealer.answerMetaCallsWith(meta);
    }

    /** A new session, under a fresh id; {@code authentication} says who it is, which may depend on that id. */
    WampSession join(LongFunction<Authentication> authentication, ObjectNode roles, ObjectNode transport,
                     Outbox outbox) {
        WampSession session;
        do {
            long id = ids.newSessionId();
            session = admit(new WampSession(id, authentication.apply(id), roles, transport, outbox));
        } while (session == null && !isClosed());
        return session;
    }

    /**
     * A new session under the id a challenge already named. Null if the realm is closed or, which
     * a random 53-bit id makes all but impossible, the id is taken.
     */
    WampSession join(long id, Authentication authentication, ObjectNode roles, ObjectNode transport, Outbox outbox) {
        return admit(new WampSession(id, authentication, roles, transport, outbox));
    }

    private WampSession admit(WampSession session) {
        synchronized (this) {
            if (closed || sessions.putIfAbsent(session.id, session) != null) {
                return null;
            }
        }
        meta.joined(session);
        return session;
    }

    /** Refuses joins from now on; the sessions in it stay until they are ended. */
    synchronized void close() {
        closed = true;
    }

    /** Closes the realm if no session is in it. @return whether this call closed it */
    synchronized boolean closeIfEmpty() {
        if (closed || !sessions.isEmpty()) {
            return false;
        }
        closed = true;
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the session's registrations, subscriptions and calls, at once. Safe to call twice. */
    void leave(WampSession session) {
        if (!session.markLeft()) {
            return;
        }
        sessions.remove(session.id);
        dealer.leave(session);
        broker.leave(session);
        cluster.left(session);
        meta.left(session);
    }

    /** The stand-in of caller {@code id} of another router, made on its first call here. */
    WampSession remoteCaller(long id, Authentication authentication, Outbox answers) {
        return remoteCallers.computeIfAbsent(id, key -> WampSession.remoteCaller(key, authentication, answers));
    }

    Optional<WampSession> remoteCaller(long id) {
        return Optional.ofNullable(remoteCallers.get(id));
    }

    /** Caller {@code id} of another router is gone: its calls here end, their callees interrupted. */
    void remoteCallerLeft(long id) {
        WampSession caller = remoteCallers.remove(id);
        if (caller != null && caller.markLeft()) {
            dealer.leave(caller);
        }
    }

    /** The ids of the callers of other routers with a stand-in here. */
    Collection<Long> remoteCallers() {
        return List.copyOf(remoteCallers.keySet());
    }

    Collection<WampSession> sessions() {
        return List.copyOf(sessions.values());
    }

    Optional<WampSession> session(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public int sessionCount() {
        return sessions.size();
    }

    int registrationCount() {
        return dealer.registrationCount();
    }

    int subscriptionCount() {
        return broker.subscriptionCount();
    }
}
