package io.disco.turn.auth;

/**
 * What long-term-credential checking (RFC 5389 §10.2.2) made of a request: the user it
 * authenticated as, or the error to answer with.
 *
 * @param user       the user, when authenticated
 * @param errorCode  0 when authenticated, else 400, 401, 438 or 500
 * @param reason     the reason phrase of the error
 */
public record Verdict(User user, int errorCode, String reason) {

    static Verdict authenticated(User user) {
        return new Verdict(user, 0, null);
    }

    static Verdict rejected(int errorCode, String reason) {
        return new Verdict(null, errorCode, reason);
    }

    public boolean authenticated() {
        return user != null;
    }

    /** Whether the answer carries REALM and a fresh NONCE (401 and 438 do). */
    public boolean challenges() {
        return errorCode == 401 || errorCode == 438;
    }
}
