package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One realm's side of the cluster, as its dealer and broker see it. They ask it only when a route
 * appears or goes on this router, and when their own routes do not answer a call; a call
 * between two sessions of this router never reaches it.
 */
public interface ClusterRealm {

    /** The realm of a router on its own. */
    ClusterRealm LOCAL = new ClusterRealm() {
        @Override
        public Optional<RouteId> claimRegistration(MatchPolicy match, String uri, String invoke, RouteId proposed,
                                                   CalleeShare share) {
            return Optional.of(proposed);
        }

        @Override
        public long calleeOrder() {
            return 0;
        }

        @Override
        public void calleesChanged(MatchPolicy match, String uri, CalleeShare share) {
        }

        @Override
        public void releaseRegistration(MatchPolicy match, String uri) {
        }

        @Override
        public RouteId subscribed(MatchPolicy match, String uri, RouteId proposed) {
            return proposed;
        }

        @Override
        public void unsubscribed(MatchPolicy match, String uri) {
        }

        @Override
        public boolean call(WampSession caller, Call call, MatchPolicy localMatch, String localUri,
                            CalleeShare localShare) {
            return false;
        }

        @Override
        public void cancel(WampSession caller, Cancel cancel) {
        }

        @Override
        public int callsElsewhere(WampSession caller) {
            return 0;
        }

        @Override
        public void published(long publication, ObjectNode disclosed, Publish publish) {
        }

        @Override
        public void left(WampSession session) {
        }

        @Override
        public CompletionStage<List<JsonNode>> askOthers(String procedure, ArrayNode args) {
            return CompletableFuture.completedFuture(List.of());
        }
    };

    /**
     * This router now holds a registration of {@code uri}: the claim is atomic across the cluster.
     *
     * @param invoke   the registration's invoke policy, as REGISTER names it
     * @param proposed the id it takes if no router holds it yet
     * @param share    this router's part of it: its one callee, and that callee's place (shared ones)
     * @return the id it has across the cluster; empty when another router holds it and may not share
     *         it under {@code invoke}
     */
    Optional<RouteId> claimRegistration(MatchPolicy match, String uri, String invoke, RouteId proposed,
                                        CalleeShare share);

    /**
     * The next place in the cluster's order of registration, for a callee of a shared registration:
     * {@code first} and {@code last} pick by it across routers.
     */
    long calleeOrder();

    /** This router's callees of a shared registration it holds came or went. */
    void calleesChanged(MatchPolicy match, String uri, CalleeShare share);

    /** This router's last callee of {@code uri} is gone. */
    void releaseRegistration(MatchPolicy match, String uri);

    /**
     * This router now has a subscriber to {@code uri}.
     *
     * @param proposed the id the subscription takes if no router has one yet
     * @return the id it has across the cluster
     */
    RouteId subscribed(MatchPolicy match, String uri, RouteId proposed);

    /** This router's last subscriber to {@code uri} is gone. */
    void unsubscribed(MatchPolicy match, String uri);

    /**
     * Forwards {@code call} to the router holding a registration that matches its procedure better
     * than this router's own ({@code localMatch} and {@code localUri}, all three null when it has
     * none), or, for a registration shared with other routers, to the router whose callee the
     * invoke policy chooses among all of the cluster's ({@code localShare} being this router's).
     *
     * @return whether it was forwarded; the answer then comes from the router that took it
     */
    boolean call(WampSession caller, Call call, MatchPolicy localMatch, String localUri, CalleeShare localShare);

    /** The calls of {@code caller} that other routers serve now: they count towards its pending calls too. */
    int callsElsewhere(WampSession caller);

    /** {@code cancel} names no call of {@code caller} here: if another router serves it, the cancel goes after it. */
    void cancel(WampSession caller, Cancel cancel);

    /** A session of this router published: the other routers with subscribers to the topic deliver it too. */
    void published(long publication, ObjectNode disclosed, Publish publish);

    /** A session of this router left: calls it made on other routers end. */
    void left(WampSession session);

    /**
     * What the other routers of the cluster say of themselves to meta procedure {@code procedure}
     * ({@link MetaApi#here}), those with nothing to say left out. Completes once every router
     * listening has answered, or with the answers so far once it waited long enough for one that
     * does not; never on the calling thread unless at once, with no router to ask.
     */
    CompletionStage<List<JsonNode>> askOthers(String procedure, ArrayNode args);
}
