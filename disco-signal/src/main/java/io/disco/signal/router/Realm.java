package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampIds;
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
    /** No session joins any more: the realm emptied and is dropped, or its application was deleted. */
    private boolean closed;

    Realm(String name, RouterLimits limits, RouterMeters meters, ScheduledExecutorService timers, Clock clock) {
        this.name = name;
        this.dealer = new Dealer(limits, meters, timers, clock);
        this.broker = new Broker(limits, clock);
        this.meta = new MetaApi(this, dealer, broker);
        dealer.answerMetaCallsWith(meta);
    }

    /** A new session, under a fresh id; {@code authentication} says who it is, which may depend on that id. */
    WampSession join(LongFunction<Authentication> authentication, ObjectNode roles, ObjectNode transport,
                     Outbox outbox) {
        WampSession session;
        do {
            long id = WampIds.random();
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
        meta.left(session);
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
