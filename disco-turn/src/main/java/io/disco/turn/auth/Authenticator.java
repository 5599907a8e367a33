package io.disco.turn.auth;

import io.disco.common.apps.DirectoryUnavailableException;
import io.disco.turn.stun.MessageIntegrity;
import io.disco.turn.stun.StunRequest;
import java.net.InetSocketAddress;

/**
 * Long-term credential checking of RFC 5389 §10.2.2, in its order: no MESSAGE-INTEGRITY: 401;
 * missing USERNAME, REALM or NONCE: 400; a nonce not ours or too old: 438; an unknown user or a
 * MESSAGE-INTEGRITY made with another key: 401. Then this server's own: a user whose account is not
 * admitted (in registered mode, no registered application's): 401; an account that cannot be
 * looked up now (the shared store is out of reach): 500, the temporary error RFC 8489 §14.8 tells
 * the client to try again after, rather than a 401 that would say its credentials are wrong.
 */
public final class Authenticator {

    private final String realm;
    private final Credentials credentials;
    private final Nonces nonces;

    public Authenticator(String realm, Credentials credentials, Nonces nonces) {
        this.realm = realm;
        this.credentials = credentials;
        this.nonces = nonces;
    }

    public String realm() {
        return realm;
    }

    /** A fresh nonce for a challenge to {@code client}. */
    public String nonceFor(InetSocketAddress client) {
        return nonces.issue(client);
    }

    public Verdict check(StunRequest request, InetSocketAddress client) {
        if (!request.hasIntegrity()) {
            return Verdict.rejected(401, "Unauthorized");
        }
        if (request.username() == null || request.realm() == null || request.nonce() == null) {
            return Verdict.rejected(400, "Bad Request");
        }
        if (nonces.check(request.nonce(), client) != NonceCheck.VALID) {
            return Verdict.rejected(438, "Stale Nonce");
        }
        if (!realm.equals(request.realm())) {
            return Verdict.rejected(401, "Unauthorized");
        }
        for (byte[] key : credentials.keys(request.username())) {
            if (MessageIntegrity.verify(request.raw(), key)) {
                return admitted(new User(request.username(), credentials.account(request.username()), key));
            }
        }
        return Verdict.rejected(401, "Unauthorized");
    }

    /**
     * {@code user}, authenticated a moment ago, if still admitted: an application deleted while
     * its request was being answered must not keep what the request made.
     */
    public Verdict recheck(User user) {
        return admitted(user);
    }

    private Verdict admitted(User user) {
        try {
            return credentials.admits(user.account())
                    ? Verdict.authenticated(user)
                    : Verdict.rejected(401, "Unauthorized");
        } catch (DirectoryUnavailableException e) {
            return Verdict.rejected(500, "Server Error");
        }
    }
}
