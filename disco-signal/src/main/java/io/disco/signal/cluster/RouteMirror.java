package io.disco.signal.cluster;

import io.disco.signal.cluster.ClusterChange.RouteChanged;
import io.disco.signal.router.CalleeShare;
import io.disco.signal.wamp.MatchPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This router's copy of the other routers' routes, per realm: what a call or a publication asks
 * when this router's own routes do not answer, without a word to Redis. Changed by the change
 * channel as each change is heard, and by a full read on (re)connect; read by any thread without
 * a lock.
 *
 * <p>A change heard while a full read is under way may be older or newer than what the read
 * finds; each change names the whole new value of its route, so the changes heard since the read
 * began, applied again in order on top of it, end where Redis is.
 */
final class RouteMirror {

    private final int self;
    private volatile Map<String, RealmRoutes> realms = new ConcurrentHashMap<>();
    /** Changes heard since a full read began, or null while none is under way; guarded by {@code this}. */
    private List<RouteChanged> heardDuringRead;

    /** A route as other routers hold it, and its turn on this router for {@code roundrobin}. */
    record Mirrored(Holders others, AtomicInteger turn) {
    }

    /** The best route of another router for a call, and the routers holding it. */
    record Target(MatchPolicy match, String uri, Mirrored route) {
    }

    RouteMirror(int self) {
        this.self = self;
    }

    /** A change heard on the change channel. */
    synchronized void changed(RouteChanged change) {
        if (heardDuringRead != null) {
            heardDuringRead.add(change);
        }
        put(change.realm(), change.key(), change.holders());
    }

    /** A full read begins: what is heard from now on is applied again on top of it. */
    synchronized void readBegins() {
        heardDuringRead = new ArrayList<>();
    }

    /** The full read found {@code all}, which takes the place of what was known. */
    synchronized void readEnds(Map<String, Map<RouteKey, Holders>> all) {
        replace(all);
        if (heardDuringRead != null) {
            heardDuringRead.forEach(change -> put(change.realm(), change.key(), change.holders()));
        }
        heardDuringRead = null;
    }

    /** The full read failed: the next one, once Redis is back, starts afresh. */
    synchronized void readFailed() {
        heardDuringRead = null;
    }

    /** The route {@code key} of {@code realm} is now held by {@code holders}, or by nobody. */
    private void put(String realm, RouteKey key, Optional<Holders> holders) {
        put(realms.computeIfAbsent(realm, name -> new RealmRoutes()).of(key), key.uri(),
                holders.map(known -> known.without(self)));
    }

    /** Keeps the route's turn across changes, so that a callee coming or going does not restart it. */
    private static void put(Map<String, Mirrored> routes, String uri, Optional<Holders> others) {
        if (others.isEmpty() || others.get().nodes().length == 0) {
            routes.remove(uri);
        } else {
            routes.compute(uri, (key, known) -> new Mirrored(others.get(),
                    known == null ? new AtomicInteger() : known.turn()));
        }
    }

    private void replace(Map<String, Map<RouteKey, Holders>> all) {
        Map<String, RealmRoutes> fresh = new ConcurrentHashMap<>();
        all.forEach((realm, routes) -> routes.forEach((key, holders) -> put(
                fresh.computeIfAbsent(realm, name -> new RealmRoutes()).of(key), key.uri(),
                Optional.of(holders.without(self)))));
        realms = fresh;
    }

    /** Router {@code node} is gone: none of its routes is routed to any more. */
    synchronized void forget(int node) {
        for (RealmRoutes routes : realms.values()) {
            routes.forget(node);
        }
    }

    /** The registration of another router that matches {@code uri} best. */
    Optional<Target> callee(String realm, String uri) {
        RealmRoutes routes = realms.get(realm);
        if (routes == null) {
            return Optional.empty();
        }
        Mirrored exact = routes.registrations.get(MatchPolicy.EXACT).get(uri);
        if (exact != null) {
            return Optional.of(new Target(MatchPolicy.EXACT, uri, exact));
        }
        Target found = null;
        for (MatchPolicy match : new MatchPolicy[] {MatchPolicy.PREFIX, MatchPolicy.WILDCARD}) {
            for (Map.Entry<String, Mirrored> route : routes.registrations.get(match).entrySet()) {
                if (match.matches(route.getKey(), uri)
                        && (found == null || match.outranks(route.getKey(), found.match(), found.uri()))) {
                    found = new Target(match, route.getKey(), route.getValue());
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The router whose callee serves a call to {@code target}: this one ({@code self}) or another.
     *
     * @param here this router's share of the same registration, or null when it holds none
     */
    int pick(Target target, CalleeShare here) {
        Holders others = target.route().others();
        return RouterChoice.of(others.invoke(), self, here, others, target.route().turn());
    }

    /** The other routers with a subscriber to a topic matching {@code topic}. */
    Set<Integer> subscribers(String realm, String topic) {
        RealmRoutes routes = realms.get(realm);
        Set<Integer> nodes = new TreeSet<>();
        if (routes == null) {
            return nodes;
        }
        for (MatchPolicy match : MatchPolicy.values()) {
            for (Map.Entry<String, Mirrored> route : routes.subscriptions.get(match).entrySet()) {
                if (match.matches(route.getKey(), topic)) {
                    for (int node : route.getValue().others().nodes()) {
                        nodes.add(node);
                    }
                }
            }
        }
        return nodes;
    }

    /** A realm's routes held by other routers: URI to their node numbers, per kind and match policy. */
    private static final class RealmRoutes {
        final Map<MatchPolicy, Map<String, Mirrored>> registrations = byMatch();
        final Map<MatchPolicy, Map<String, Mirrored>> subscriptions = byMatch();

        Map<String, Mirrored> of(RouteKey key) {
            return (key.kind() == RouteKey.Kind.REGISTRATION ? registrations : subscriptions).get(key.match());
        }

        void forget(int node) {
            for (Map<MatchPolicy, Map<String, Mirrored>> kind : List.of(registrations, subscriptions)) {
                for (Map<String, Mirrored> routes : kind.values()) {
                    for (String uri : List.copyOf(routes.keySet())) {
                        Mirrored route = routes.get(uri);
                        if (route != null) {
                            put(routes, uri, Optional.of(route.others().without(node)));
                        }
                    }
                }
            }
        }

        private static Map<MatchPolicy, Map<String, Mirrored>> byMatch() {
            Map<MatchPolicy, Map<String, Mirrored>> byMatch = new EnumMap<>(MatchPolicy.class);
            for (MatchPolicy match : MatchPolicy.values()) {
                byMatch.put(match, new ConcurrentHashMap<>());
            }
            return byMatch;
        }
    }
}
