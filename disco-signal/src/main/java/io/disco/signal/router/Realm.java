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

    Realm(String name, RouterLimits limits, ScheduledExecutorService timers, Clock clock) {
        this.name = name;
        this.dealer = new Dealer(limits, timers, clock);
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
            session = new WampSession(id, authentication.apply(id), roles, transport, outbox);
        } while (sessions.putIfAbsent(session.id, session) != null);
        meta.joined(session);
        return session;
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
}
