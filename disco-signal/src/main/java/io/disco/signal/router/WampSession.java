package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client joined to the realm, as the router keeps it: who it is, what its roles can do, how
 * to reach it, and what it holds (registrations, subscriptions, calls in flight either way).
 *
 * <p>Its own messages arrive one at a time on its connection; other sessions touch its maps
 * concurrently, which is why they are concurrent, and why adding a call and leaving take the
 * session's own lock: a call must never be added after the session's calls were ended.
 */
public final class WampSession {

    final long id;
    final Authentication authentication;
    final ObjectNode transport;
    final Outbox outbox;
    /** The callee announced {@code call_canceling}: INTERRUPT is safe to send it. */
    final boolean calleeCancels;
    /** The callee announced {@code progressive_call_results}. */
    final boolean calleeProgresses;
    /**
     * A caller on another router of the cluster, standing in for it here while its calls go on:
     * its outbox sends their answers to that router, and its calls are routed here alone.
     */
    final boolean remote;

    final Map<Long, Registration> registrations = new ConcurrentHashMap<>();
    final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Calls this session made, by its CALL request id. */
    final Map<Long, PendingCall> callsMade = new ConcurrentHashMap<>();
    /** Calls this session is serving, by INVOCATION request id. */
    final Map<Long, PendingCall> invocations = new ConcurrentHashMap<>();
    private final AtomicLong lastInvocation = new AtomicLong();
    private boolean left;

    WampSession(long id, Authentication authentication, ObjectNode roles, ObjectNode transport, Outbox outbox) {
        this(id, authentication, roles, transport, outbox, false);
    }

    private WampSession(long id, Authentication authentication, ObjectNode roles, ObjectNode transport,
                        Outbox outbox, boolean remote) {
        this.remote = remote;
        this.id = id;
        this.authentication = authentication;
        this.transport = transport;
        this.outbox = outbox;
        this.calleeCancels = feature(roles, "callee", "call_canceling");
        this.calleeProgresses = feature(roles, "callee", "progressive_call_results");
    }

    /** A caller of another router of the cluster, whose answers go out through {@code answers}. */
    static WampSession remoteCaller(long id, Authentication authentication, Outbox answers) {
        return new WampSession(id, authentication, WampCodec.dict(), WampCodec.dict(), answers, true);
    }

    public long id() {
        return id;
    }

    public Authentication authentication() {
        return authentication;
    }

    String authid() {
        return authentication.authid();
    }

    String authrole() {
        return authentication.authrole();
    }

    public void send(WampMessage message) {
        outbox.send(message);
    }

    /** Answers request {@code request} (of type {@code requestType}) with ERROR {@code uri} and a message. */
    public void refuse(int requestType, long request, String uri, String message) {
        ArrayNode args = WampCodec.list();
        args.add(message);
        send(new WampMessage.Error(requestType, request, WampCodec.dict(), uri, args, null));
    }

    long nextInvocationId() {
        // Session scope: sequential from 1, well inside [1, 2^53] for any session's life.
        return lastInvocation.incrementAndGet();
    }

    /** Records a call this session serves; refused once the session has left. */
    synchronized boolean addInvocation(PendingCall call) {
        if (left) {
            return false;
        }
        invocations.put(call.invocation, call);
        return true;
    }

    /** Records a call this session made; refused once the session has left. */
    synchronized boolean addCallMade(PendingCall call) {
        if (left) {
            return false;
        }
        callsMade.put(call.callerRequest, call);
        return true;
    }

    /** Marks the session gone; from now on no call is added to it. @return false if it already was */
    synchronized boolean markLeft() {
        if (left) {
            return false;
        }
        left = true;
        return true;
    }

    synchronized boolean hasLeft() {
        return left;
    }

    /** The session as the meta API describes it. */
    ObjectNode details() {
        ObjectNode details = WampCodec.dict();
        details.put("session", id);
        authentication.describe(details);
        details.set("transport", transport);
        return details;
    }

    private static boolean feature(ObjectNode roles, String role, String feature) {
        JsonNode value = roles.path(role).path("features").path(feature);
        return value.isBoolean() && value.booleanValue();
    }

    @Override
    public String toString() {
        return "session " + id;
    }
}
