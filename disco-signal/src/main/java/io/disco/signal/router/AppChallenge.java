package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.KeyHash;
import io.disco.signal.auth.AuthMethod;
import io.disco.signal.auth.WampCra;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage.Challenge;
import java.time.Instant;

/**
 * A client that asked to join an application's realm and was sent CHALLENGE: what its
 * AUTHENTICATE must prove, and who it is once it has.
 *
 * @param session      the id the session gets, which a WAMP-CRA challenge is bound to
 * @param craChallenge the text a WAMP-CRA client signs; null for a ticket
 * @param challenge    what was sent
 */
record AppChallenge(AppId app, AuthMethod method, long session, Authentication authentication, ObjectNode roles,
                    String craChallenge, Challenge challenge) {

    static AppChallenge ticket(AppId app, long session, Authentication authentication, ObjectNode roles) {
        return new AppChallenge(app, AuthMethod.TICKET, session, authentication, roles, null,
                new Challenge(AuthMethod.TICKET.wireName, WampCodec.dict()));
    }

    /** Names the salt, iterations and key length of {@code salted} for the client to derive the key it signs with. */
    static AppChallenge wampCra(AppId app, long session, Authentication authentication, ObjectNode roles,
                                String craChallenge, KeyHash salted) {
        ObjectNode extra = WampCodec.dict();
        extra.put("challenge", craChallenge);
        extra.put("salt", salted.salt());
        extra.put("iterations", salted.iterations());
        extra.put("keylen", KeyHash.KEY_LENGTH);
        return new AppChallenge(app, AuthMethod.WAMPCRA, session, authentication, roles, craChallenge,
                new Challenge(AuthMethod.WAMPCRA.wireName, extra));
    }

    /** Whether AUTHENTICATE's {@code signature} proves a key of {@code app} valid at {@code now}. */
    boolean isAnsweredBy(App app, String signature, Instant now) {
        return switch (method) {
            case TICKET -> app.keyFor(signature, now).isPresent();
            case WAMPCRA -> WampCra.isSignedByKeyOf(app, now, craChallenge, signature);
        };
    }
}
