package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.Collection;

/** A URI pattern the router routes on, and the sessions attached to it: a registration or a subscription. */
abstract class Route {

    final long id;
    final String uri;
    final MatchPolicy match;
    final Instant created;

    Route(long id, String uri, MatchPolicy match, Instant created) {
        this.id = id;
        this.uri = uri;
        this.match = match;
        this.created = created;
    }

    /** The attached sessions, safe to iterate while others change them. */
    abstract Collection<WampSession> sessions();
}
