package io.disco.turn.auth;

import io.disco.turn.stun.MessageIntegrity;
import io.disco.turn.stun.StunRequest;
import java.net.InetSocketAddress;

/**
 * Long-term credential checking of RFC 5389 §10.2.2, in its order: no MESSAGE-INTEGRITY: 401;
 * missing USERNAME, REALM or NONCE: 400; a nonce not ours or too old: 438; an unknown user or a
 * MESSAGE-INTEGRITY made with another key: 401. Then this server's own: a user whose account is not
 * admitted (in registered mode, no registered application's): 401.
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
                String account = credentials.account(request.username());
                return credentials.admits(account)
                        ? Verdict.authenticated(new User(request.username(), account, key))
                        : Verdict.rejected(401, "Unauthorized");
            }
        }
        return Verdict.rejected(401, "Unauthorized");
    }

    /**
     * Whether {@code user}, authenticated a moment ago, is still admitted: an application deleted
     * while its request was being answered must not keep what the request made.
     */
    public boolean stillAdmits(User user) {
        return credentials.admits(user.account());
    }
}
