package io.disco.signal.cluster;

import io.disco.signal.wamp.WampMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The calls of this router's sessions that other routers serve, and which routers each session
 * has called. A call ends exactly once: whoever takes it out of here (its final answer, the
 * loss of its router or of Redis, its caller leaving) is the one that answers.
 */
final class RemoteCalls {

    private final Map<RemoteCall.Key, RemoteCall> calls = new ConcurrentHashMap<>();
    /** By session id: the routers holding a stand-in for it, told when it leaves. */
    private final Map<Long, Set<Integer>> called = new ConcurrentHashMap<>();
    /** By session id: how many of its calls are in flight here. */
    private final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** @return false for a request id the caller has in flight already */
    boolean add(RemoteCall call) {
        if (calls.putIfAbsent(call.key(), call) != null) {
            return false;
        }
        inFlight.computeIfAbsent(call.caller().id(), id -> new AtomicInteger()).incrementAndGet();
        called.computeIfAbsent(call.caller().id(), id -> ConcurrentHashMap.newKeySet()).add(call.node());
        return true;
    }

    Optional<RemoteCall> get(long caller, long request) {
        return Optional.ofNullable(calls.get(new RemoteCall.Key(caller, request)));
    }

    /** How many calls of session {@code caller} other routers serve now. */
    int of(long caller) {
        AtomicInteger count = inFlight.get(caller);
        return count == null ? 0 : count.get();
    }

    /** @return whether this took the call out, and so owes its caller the answer */
    boolean end(RemoteCall call) {
        if (!calls.remove(call.key(), call)) {
            return false;
        }
        ended(call);
        return true;
    }

    private void ended(RemoteCall call) {
        AtomicInteger count = inFlight.get(call.caller().id());
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /**
     * The call an answer from another router belongs to, if it is still waiting: a progressive
     * RESULT leaves it waiting, a final one or an ERROR ends it.
     */
    Optional<RemoteCall> answered(long session, WampMessage answer) {
        long request;
        boolean progress = false;
        if (answer instanceof WampMessage.Result result) {
            request = result.request();
            progress = result.details().path("progress").asBoolean(false);
        } else if (answer instanceof WampMessage.Error error && error.requestType() == WampMessage.CALL) {
            request = error.request();
        } else {
            return Optional.empty();
        }
        RemoteCall.Key key = new RemoteCall.Key(session, request);
        if (progress) {
            return Optional.ofNullable(calls.get(key));
        }
        RemoteCall call = calls.remove(key);
        if (call != null) {
            ended(call);
        }
        return Optional.ofNullable(call);
    }

    /** Takes out the calls {@code which} selects; their callers are owed an answer. */
    List<RemoteCall> endAll(Predicate<RemoteCall> which) {
        List<RemoteCall> ended = new ArrayList<>();
        for (RemoteCall call : List.copyOf(calls.values())) {
            if (which.test(call) && end(call)) {
                ended.add(call);
            }
        }
        return ended;
    }

    /** Session {@code session} left: its calls end unanswered. @return the routers it called */
    Set<Integer> left(long session) {
        endAll(call -> call.caller().id() == session);
        inFlight.remove(session);
        Set<Integer> nodes = called.remove(session);
        return nodes == null ? Set.of() : nodes;
    }

    /** Router {@code node} is gone: none of this router's sessions has a stand-in there any more. */
    void forget(int node) {
        called.values().forEach(nodes -> nodes.remove(node));
    }
}
