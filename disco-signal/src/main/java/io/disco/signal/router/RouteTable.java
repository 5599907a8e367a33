package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Routes by match policy and URI, and by id. Attaching and detaching a session is atomic per
 * URI (a concurrent map's compute), so two sessions racing on one procedure cannot both own it,
 * and a route disappears with its last session.
 */
final class RouteTable<T extends Route> {

    private final Map<MatchPolicy, Map<String, T>> byPattern = new EnumMap<>(MatchPolicy.class);
    private final Map<Long, T> byId = new ConcurrentHashMap<>();

    RouteTable() {
        for (MatchPolicy match : MatchPolicy.values()) {
            byPattern.put(match, new ConcurrentHashMap<>());
        }
    }

    /**
     * Attaches {@code session} to the route of {@code uri}, creating it when there is none.
     *
     * @param create makes the route, or says null when it may not be made; it is called only when there is none
     * @param joins  whether the session may join an existing route
     * @return the route, or {@code null} when {@code create} or {@code joins} refused
     */
    T attach(MatchPolicy match, String uri, WampSession session, Supplier<T> create, BiPredicate<T, WampSession> joins) {
        Object[] attached = new Object[1];
        byPattern.get(match).compute(uri, (key, existing) -> {
            T route = existing;
            if (route == null) {
                route = create.get();
                if (route == null) {
                    return null;
                }
                byId.put(route.id, route);
            } else if (!joins.test(route, session)) {
                return route;
            }
            route.sessions().add(session);
            attached[0] = route;
            return route;
        });
        @SuppressWarnings("unchecked")
        T route = (T) attached[0];
        return route;
    }

    /**
     * Detaches {@code session}; the route goes when no session is left on it.
     *
     * @return whether the route went
     */
    boolean detach(T route, WampSession session) {
        boolean[] gone = new boolean[1];
        byPattern.get(route.match).computeIfPresent(route.uri, (key, existing) -> {
            existing.sessions().remove(session);
            if (existing.sessions().isEmpty()) {
                byId.remove(existing.id);
                gone[0] = true;
                return null;
            }
            return existing;
        });
        return gone[0];
    }

    /** Routes held, of every match policy. */
    int size() {
        return byId.size();
    }

    T exact(String uri) {
        return byPattern.get(MatchPolicy.EXACT).get(uri);
    }

    Collection<T> patterns(MatchPolicy match) {
        return byPattern.get(match).values();
    }

    Optional<T> lookup(String uri, MatchPolicy match) {
        return Optional.ofNullable(byPattern.get(match).get(uri));
    }

    Optional<T> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    Collection<T> all(MatchPolicy match) {
        return new ArrayList<>(byPattern.get(match).values());
    }
}
