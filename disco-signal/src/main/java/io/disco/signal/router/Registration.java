package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A procedure registered by one callee, or shared by several under one invoke policy. */
final class Registration extends Route {

    final InvokePolicy invoke;
    // Copy-on-write: calls read it on every invocation, callees change rarely.
    private final List<WampSession> callees = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();
    /** Each callee's place in the cluster's order of registration (see {@link ClusterRealm#calleeOrder}). */
    private final Map<WampSession, Long> places = new ConcurrentHashMap<>();

    Registration(long id, String uri, MatchPolicy match, InvokePolicy invoke, Instant created) {
        super(id, uri, match, created);
        this.invoke = invoke;
    }

    @Override
    Collection<WampSession> sessions() {
        return callees;
    }

    /** Whether {@code callee} may register this procedure too: only to share it under the same policy. */
    boolean admits(WampSession callee, InvokePolicy policy) {
        return invoke != InvokePolicy.SINGLE && invoke == policy && !callees.contains(callee);
    }

    void placed(WampSession callee, long place) {
        places.put(callee, place);
    }

    void unplaced(WampSession callee) {
        places.remove(callee);
    }

    /** This router's part of the registration, as the cluster's choice of a callee weighs it. */
    CalleeShare share() {
        WampSession[] now = callees.toArray(new WampSession[0]);
        if (now.length == 0) {
            return new CalleeShare(0, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        return new CalleeShare(now.length, places.getOrDefault(now[0], 0L),
                places.getOrDefault(now[now.length - 1], 0L));
    }

    WampSession pickCallee() {
        return invoke.pick(callees, turn);
    }
}
