package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.App;
import io.disco.common.apps.AppDirectory;
import io.disco.common.apps.AppId;
import io.disco.common.apps.KeyHash;
import io.disco.signal.auth.AuthMethod;
import io.disco.signal.auth.CraChallenge;
import io.disco.signal.auth.WampCra;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The realms of registered applications, one per AppID: made when an app's first client joins,
 * dropped when its last one leaves, closed when the app is deleted. A realm is only ever joined
 * with a key of its app, which the {@link AppDirectory} knows.
 *
 * <p>A closed realm refuses joins; a joiner that meets one asks the directory again, so a realm
 * emptied a moment ago is made anew, and one whose app was deleted stays refused. A deleted app's
 * closed realm is kept as a marker for that reason, until someone asks for the realm again.
 */
final class AppRealms {

    private static final int NONCE_BYTES = 16;

    private final AppDirectory apps;
    private final Function<String, Realm> newRealm;
    private final LongSupplier sessionIds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Realm> realms = new ConcurrentHashMap<>();

    AppRealms(AppDirectory apps, Function<String, Realm> newRealm, LongSupplier sessionIds, Clock clock) {
        this.apps = apps;
        this.newRealm = newRealm;
        this.sessionIds = sessionIds;
        this.clock = clock;
    }

    /** The app whose realm a HELLO names; a name that is no AppID names none. */
    Optional<App> find(String realm) {
        AppId id;
        try {
            id = new AppId(realm);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return apps.find(id);
    }

    Optional<App> find(AppId id) {
        return apps.find(id);
    }

    /**
     * The CHALLENGE for a client joining {@code app}'s realm by {@code method}; empty if the app
     * has no valid key to name a salt of, which no answer could then prove.
     */
    Optional<AppChallenge> challenge(App app, AuthMethod method, String requestedAuthid, ObjectNode roles) {
        long session = sessionIds.getAsLong();
        Authentication who = Authentication.app(requestedAuthid, session, method);
        if (method == AuthMethod.TICKET) {
            return Optional.of(AppChallenge.ticket(app.id(), session, who, roles));
        }
        Optional<KeyHash> salted = WampCra.saltedKey(app, clock.instant());
        if (salted.isEmpty()) {
            return Optional.empty();
        }
        String text = new CraChallenge(who.authid(), who.authrole(), who.authprovider(), nonce(), clock.instant(),
                session).text();
        return Optional.of(AppChallenge.wampCra(app.id(), session, who, roles, text, salted.get()));
    }

    /** A session and the realm it joined. */
    record Joined(Realm realm, WampSession session) {
    }

    /**
     * Joins the client that answered {@code challenge} to its app's realm, made if none is open.
     * Empty if the app was deleted meanwhile (or, all but impossibly, the session id is taken).
     */
    Optional<Joined> join(AppChallenge challenge, ObjectNode transport, Outbox outbox) {
        String name = challenge.app().value();
        while (true) {
            Realm realm = realms.computeIfAbsent(name, newRealm);
            WampSession session = realm.join(challenge.session(), challenge.authentication(), challenge.roles(),
                    transport, outbox);
            if (session != null) {
                return Optional.of(new Joined(realm, session));
            }
            if (!realm.isClosed()) {
                return Optional.empty();
            }
            realms.remove(name, realm);
            if (apps.find(challenge.app()).isEmpty()) {
                return Optional.empty();
            }
        }
    }

    /** The realm of {@code name} if it is open now. */
    Optional<Realm> open(String name) {
        return Optional.ofNullable(realms.get(name)).filter(realm -> !realm.isClosed());
    }

    Collection<Realm> open() {
        return List.copyOf(realms.values());
    }

    /** Drops {@code realm} if it is an app realm its last session just left. */
    void left(Realm realm) {
        if (realms.get(realm.name) == realm && realm.closeIfEmpty()) {
            realms.remove(realm.name, realm);
        }
    }

    /** Closes the realm of a deleted app, whose sessions the caller then ends, and keeps it as the marker. */
    Realm deleted(AppId app) {
        Realm realm = realms.computeIfAbsent(app.value(), newRealm);
        realm.close();
        return realm;
    }

    /** {@code count} summed over the apps' realms open now. */
    int sum(ToIntFunction<Realm> count) {
        int sum = 0;
        for (Realm realm : realms.values()) {
            sum += count.applyAsInt(realm);
        }
        return sum;
    }

    private String nonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
