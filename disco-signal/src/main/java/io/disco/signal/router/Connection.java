package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.App;
import io.disco.common.apps.DirectoryUnavailableException;
import io.disco.signal.auth.AuthMethod;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Welcome;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's WAMP life: HELLO (and, for an application's realm, CHALLENGE and
 * AUTHENTICATE), then the session's messages, then GOODBYE, ABORT or a dropped connection. The
 * transport hands it one message at a time.
 */
public final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final Set<String> CLIENT_ROLES = Set.of("caller", "callee", "publisher", "subscriber");

    private enum State { NEW, CHALLENGED, JOINED, CLOSED }

    private final Router router;
    private final Outbox outbox;
    private final ObjectNode transport;
    private final Clock clock;
    private State state = State.NEW;
    private AppChallenge challenge;
    private Realm realm;
    private WampSession session;

    Connection(Router router, Outbox outbox, ObjectNode transport, Clock clock) {
        this.router = router;
        this.outbox = outbox;
        this.transport = transport;
        this.clock = clock;
    }

    public synchronized void receive(WampMessage message) {
        switch (state) {
            case NEW -> greet(message);
            case CHALLENGED -> authenticate(message);
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

    /** {@code closed}'s application was deleted: a session in it is told so and closed. */
    synchronized void closeRealm(Realm closed) {
        if (state == State.JOINED && realm == closed) {
            ObjectNode details = WampCodec.dict();
            details.put("message", "the application " + closed.name + " was deleted");
            outbox.send(new Goodbye(details, WampErrors.CLOSE_REALM));
            end();
            outbox.close();
        }
    }

    private void greet(WampMessage message) {
        try {
            hello(message);
        } catch (DirectoryUnavailableException e) {
            unavailable(e);
        }
    }

    private void authenticate(WampMessage message) {
        try {
            answer(message);
        } catch (DirectoryUnavailableException e) {
            unavailable(e);
        }
    }

    /**
     * The registered applications cannot be read now: the join is refused as undecided, which a
     * client may try again, and not as a wrong realm or key, which it should not.
     */
    private void unavailable(DirectoryUnavailableException e) {
        // The directory says once that Redis is lost; a line per join would bury that.
        LOG.debug("A join was refused: the registered applications cannot be read ({})", e.getMessage());
        abort(WampErrors.AUTHORIZATION_FAILED, "the registered applications cannot be read now; try again later");
    }

    private void hello(WampMessage message) {
        if (!(message instanceof Hello hello)) {
            abort(WampErrors.PROTOCOL_VIOLATION, "the first message must be HELLO, not " + message.code());
            return;
        }
        if (router.isDraining()) {
            // A connection opened just before the drain; later ones are refused at the upgrade.
            abort(WampErrors.SYSTEM_SHUTDOWN, "this router is draining: join another one");
            return;
        }
        Optional<Realm> anonymous = router.anonymousRealm(hello.realm());
        if (anonymous.isPresent()) {
            joinAnonymously(hello, anonymous.get());
            return;
        }
        Optional<App> app = router.apps().flatMap(apps -> apps.find(hello.realm()));
        if (app.isEmpty()) {
            abort(WampErrors.NO_SUCH_REALM, "no realm " + hello.realm() + " on this router");
            return;
        }
        challenge(hello, app.get());
    }

    private void joinAnonymously(Hello hello, Realm anonymous) {
        if (!announcesRole(hello)) {
            return;
        }
        // Babble's HELLO has no authmethods; anonymous is then what it gets.
        JsonNode methods = hello.details().path("authmethods");
        if (methods.isArray() && !methods.isEmpty() && !contains(methods, "anonymous")) {
            abort(WampErrors.NO_AUTH_METHOD, "realm " + anonymous.name + " is joined anonymously");
            return;
        }
        String authid = requestedAuthid(hello);
        realm = anonymous;
        session = realm.join(id -> Authentication.anonymous(authid, id), roles(hello), transport, outbox);
        welcome();
    }

    /** An application's realm is joined with its key, which CHALLENGE asks for by a method the client offered. */
    private void challenge(Hello hello, App app) {
        if (!announcesRole(hello)) {
            return;
        }
        Optional<AuthMethod> method = AuthMethod.firstOffered(hello.details().path("authmethods"));
        if (method.isEmpty()) {
            abort(WampErrors.NO_AUTH_METHOD, "realm " + app.id() + " is joined with the app's key:"
                    + " authmethods must offer ticket or wampcra");
            return;
        }
        Optional<AppChallenge> asked = router.apps().orElseThrow()
                .challenge(app, method.get(), requestedAuthid(hello), roles(hello));
        if (asked.isEmpty()) {
            abort(WampErrors.AUTHENTICATION_FAILED, "the application " + app.id() + " has no valid key");
            return;
        }
        challenge = asked.get();
        state = State.CHALLENGED;
        outbox.send(challenge.challenge());
    }

    /** The app is read again: a key replaced or an app deleted since CHALLENGE counts. */
    private void answer(WampMessage message) {
        if (message instanceof Abort) {
            // The client could not answer CHALLENGE, or would not.
            router.meters().joinRefused(RouterMeters.JoinRefusal.AUTH);
            end();
            outbox.close();
            return;
        }
        if (!(message instanceof Authenticate answer)) {
            abort(WampErrors.PROTOCOL_VIOLATION, "CHALLENGE is answered with AUTHENTICATE, not " + message.code());
            return;
        }
        AppRealms apps = router.apps().orElseThrow();
        Optional<App> app = apps.find(challenge.app());
        if (app.isEmpty()) {
            abort(WampErrors.NO_SUCH_REALM, "no realm " + challenge.app() + " on this router");
            return;
        }
        if (!challenge.isAnsweredBy(app.get(), answer.signature(), clock.instant())) {
            abort(WampErrors.AUTHENTICATION_FAILED, challenge.method().wireName + " does not prove a key of "
                    + challenge.app());
            return;
        }
        Optional<AppRealms.Joined> joined = apps.join(challenge, transport, outbox);
        if (joined.isEmpty()) {
            abort(WampErrors.NO_SUCH_REALM, "no realm " + challenge.app() + " on this router");
            return;
        }
        realm = joined.get().realm();
        session = joined.get().session();
        challenge = null;
        welcome();
    }

    private void welcome() {
        state = State.JOINED;
        router.meters().joined();
        outbox.send(new Welcome(session.id, Router.welcomeDetails(realm, session)));
    }

    /** Whether HELLO announces a client role; if not, the client is told so and closed. */
    private boolean announcesRole(Hello hello) {
        JsonNode roles = hello.details().path("roles");
        boolean hasRole = false;
        if (roles.isObject()) {
            for (String role : CLIENT_ROLES) {
                hasRole |= roles.has(role);
            }
        }
        if (!hasRole) {
            abort(WampErrors.NO_SUCH_ROLE, "HELLO must announce a role: caller, callee, publisher or subscriber");
        }
        return hasRole;
    }

    private static ObjectNode roles(Hello hello) {
        return (ObjectNode) hello.details().path("roles");
    }

    private static String requestedAuthid(Hello hello) {
        JsonNode authid = hello.details().path("authid");
        return authid.isTextual() ? authid.textValue() : null;
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
        if (state != State.JOINED) {
            router.meters().joinRefused(RouterMeters.JoinRefusal.of(reason));
        }
        LOG.debug("Aborted {}: {} ({})", session == null ? "a connection" : session, reason, why);
        end();
        outbox.close();
    }

    private void end() {
        if (state == State.JOINED) {
            realm.leave(session);
            router.left(realm);
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
