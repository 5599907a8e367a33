package io.disco.signal.router;

import io.disco.signal.wamp.WampIds;

/**
 * Where this router meets the other routers of its cluster, which together serve one set of
 * registrations and subscriptions per realm. {@link #STANDALONE} is a router on its own.
 */
public interface Cluster {

    /** A router on its own: every route is local, and every session id random. */
    Cluster STANDALONE = new Cluster() {
        @Override
        public long newSessionId() {
            return WampIds.random();
        }

        @Override
        public ClusterRealm realm(String name) {
            return ClusterRealm.LOCAL;
        }
    };

    /** A session id that no other router of the cluster gives out. */
    long newSessionId();

    /** What realm {@code name} of this router tells the cluster and asks of it. */
    ClusterRealm realm(String name);
}
