package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** A topic pattern and the sessions subscribed to it. */
final class Subscription extends Route {

    private final Set<WampSession> subscribers = new CopyOnWriteArraySet<>();

    Subscription(long id, String uri, MatchPolicy match, Instant created) {
        super(id, uri, match, created);
    }

    @Override
    Collection<WampSession> sessions() {
        return subscribers;
    }
}
