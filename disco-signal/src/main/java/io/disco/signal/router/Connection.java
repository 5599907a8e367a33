package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Welcome;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's WAMP life: HELLO, then the session's messages, then GOODBYE, ABORT or
 * a dropped connection. The transport hands it one message at a time.
 */
public final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final Set<String> CLIENT_ROLES = Set.of("caller", "callee", "publisher", "subscriber");

    private enum State { NEW, JOINED, CLOSED }

    private final Router router;
    private final Outbox outbox;
    private final ObjectNode transport;
    private State state = State.NEW;
    private Realm realm;
    private WampSession session;

    Connection(Router router, Outbox outbox, ObjectNode transport) {
        this.router = router;
        this.outbox = outbox;
        this.transport = transport;
    }

    public synchronized void receive(WampMessage message) {
        switch (state) {
            case NEW -> greet(message);
            case JOINED -> route(message);
            case CLOSED -> {
                // After GOODBYE or ABORT nothing more is read.
            }
        }
    }

    /** The frame could not be read as a WAMP message at all. */
    public synchronized void violation(String why) {
        if (state != State.CLOSED) {
            abort(WampErrors.PROTOCOL_VIOLATION, why);
        }
    }

    /** The transport is gone (closed, failed or timed out). */
    public synchronized void closed() {
        if (state == State.JOINED) {
            LOG.debug("Session {} lost its connection", session.id);
        }
        end();
    }

    /** The router is shutting down: say so, then close. */
    synchronized void shutdown() {
        if (state == State.JOINED) {
            outbox.send(new Goodbye(WampCodec.dict(), WampErrors.SYSTEM_SHUTDOWN));
        }
        end();
        outbox.close();
    }

    private void greet(WampMessage message) {
        if (!(message instanceof Hello hello)) {
            abort(WampErrors.PROTOCOL_VIOLATION, "the first message must be HELLO, not " + message.code());
            return;
        }
        Optional<Realm> named = router.realm(hello.realm());
        if (named.isEmpty()) {
            abort(WampErrors.NO_SUCH_REALM, "no realm " + hello.realm() + " on this router");
            return;
        }
        JsonNode roles = hello.details().path("roles");
        boolean hasRole = false;
        if (roles.isObject()) {
            for (String role : CLIENT_ROLES) {
                hasRole |= roles.has(role);
            }
        }
        if (!hasRole) {
            abort(WampErrors.NO_SUCH_ROLE, "HELLO must announce a role: caller, callee, publisher or subscriber");
            return;
        }
        // Babble's HELLO has no authmethods; anonymous is then what it gets.
        JsonNode methods = hello.details().path("authmethods");
        if (methods.isArray() && !methods.isEmpty() && !contains(methods, "anonymous")) {
            abort(WampErrors.NO_AUTH_METHOD, "this router authenticates anonymously only");
            return;
        }
        String authid = hello.details().path("authid").isTextual() ? hello.details().path("authid").textValue() : null;
        realm = named.get();
        session = realm.join(id -> Authentication.anonymous(authid, id), (ObjectNode) roles, transport, outbox);
        state = State.JOINED;
        outbox.send(new Welcome(session.id, Router.welcomeDetails(realm, session)));
    }

    private void route(WampMessage message) {
        switch (message.code()) {
            case WampMessage.CALL -> realm.dealer.call(session, (WampMessage.Call) message);
            case WampMessage.YIELD -> realm.dealer.yield(session, (WampMessage.Yield) message);
            case WampMessage.ERROR -> {
                WampMessage.Error error = (WampMessage.Error) message;
                if (error.requestType() != WampMessage.INVOCATION) {
                    abort(WampErrors.PROTOCOL_VIOLATION, "a client may only answer INVOCATION with ERROR");
                    return;
                }
                realm.dealer.invocationError(session, error);
            }
            case WampMessage.REGISTER -> realm.dealer.register(session, (WampMessage.Register) message);
            case WampMessage.UNREGISTER -> realm.dealer.unregister(session, (WampMessage.Unregister) message);
            case WampMessage.CANCEL -> realm.dealer.cancel(session, (WampMessage.Cancel) message);
            case WampMessage.PUBLISH -> realm.broker.publish(session, (WampMessage.Publish) message);
            case WampMessage.SUBSCRIBE -> realm.broker.subscribe(session, (WampMessage.Subscribe) message);
            case WampMessage.UNSUBSCRIBE -> realm.broker.unsubscribe(session, (WampMessage.Unsubscribe) message);
            case WampMessage.GOODBYE -> {
                outbox.send(new Goodbye(WampCodec.dict(), WampErrors.GOODBYE_AND_OUT));
                end();
                outbox.close();
            }
            case WampMessage.ABORT -> {
                end();
                outbox.close();
            }
            default -> abort(WampErrors.PROTOCOL_VIOLATION, "message " + message.code()
                    + " is not one a joined client sends");
        }
    }

    private void abort(String reason, String why) {
        ObjectNode details = WampCodec.dict();
        details.put("message", why);
        outbox.send(new Abort(details, reason));
        LOG.debug("Aborted {}: {} ({})", session == null ? "a connection" : session, reason, why);
        end();
        outbox.close();
    }

    private void end() {
        if (state == State.JOINED) {
            realm.leave(session);
        }
        if (state != State.CLOSED) {
            state = State.CLOSED;
            router.forget(this);
        }
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
