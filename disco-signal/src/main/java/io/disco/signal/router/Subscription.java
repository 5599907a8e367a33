package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** A topic pattern and the sessions subscribed to it. */
final class Subscription {

    final long id;
    final String uri;
    final MatchPolicy match;
    final Instant created;
    final Set<WampSession> subscribers = new CopyOnWriteArraySet<>();

    Subscription(long id, String uri, MatchPolicy match, Instant created) {
        this.id = id;
        this.uri = uri;
        this.match = match;
        this.created = created;
    }
}
