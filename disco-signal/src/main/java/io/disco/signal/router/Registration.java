package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A procedure registered by one callee, or shared by several under one invoke policy. */
final class Registration extends Route {

    final InvokePolicy invoke;
    // Copy-on-write: calls read it on every invocation, callees change rarely.
    private final List<WampSession> callees = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

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

    WampSession pickCallee() {
        return invoke.pick(callees, turn);
    }
}
