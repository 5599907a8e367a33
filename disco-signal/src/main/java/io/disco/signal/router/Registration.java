package io.disco.signal.router;

import io.disco.signal.wamp.MatchPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A procedure registered by one callee, or shared by several under one invoke policy. */
final class Registration {

    final long id;
    final String uri;
    final MatchPolicy match;
    final InvokePolicy invoke;
    final Instant created;
    // Copy-on-write: calls read it on every invocation, callees change rarely.
    final List<WampSession> callees = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    Registration(long id, String uri, MatchPolicy match, InvokePolicy invoke, Instant created) {
        this.id = id;
        this.uri = uri;
        this.match = match;
        this.invoke = invoke;
        this.created = created;
    }

    WampSession pickCallee() {
        return invoke.pick(callees, turn);
    }
}
