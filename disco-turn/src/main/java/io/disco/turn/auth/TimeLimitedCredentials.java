package io.disco.turn.auth;

import io.disco.common.ice.TurnRestCredential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The "TURN REST API" credentials of coturn and eturnal: a web service sharing a secret with the
 * server hands out username {@code expiry[:user]} (expiry in Unix seconds) and password
 * {@code base64(HMAC-SHA1(secret, username))}; the server recomputes the password, by the same
 * {@link TurnRestCredential} the discovery API signs with. Several secrets may be valid at once so
 * they can be rotated; an expired username is refused.
 */
public final class TimeLimitedCredentials {

    private final List<byte[]> secrets;
    private final String realm;
    private final Clock clock;

    public TimeLimitedCredentials(List<String> secrets, String realm, Clock clock) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.realm = realm;
        this.clock = clock;
    }

    /**
     * The candidate keys for {@code username}, one per secret; empty when the username is not of
     * the form {@code expiry[:user]} or has expired.
     */
    public List<byte[]> keys(String username) {
        if (secrets.isEmpty()) {
            return List.of();
        }
        long expiry = expiry(username);
        if (expiry < 0 || expiry <= clock.instant().getEpochSecond()) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>(secrets.size());
        for (byte[] secret : secrets) {
            keys.add(LongTermKey.of(username, realm, TurnRestCredential.password(secret, username)));
        }
        return keys;
    }

    /** The user part of {@code expiry:user}, or the whole username when there is none. */
    public static String account(String username) {
        int colon = username.indexOf(':');
        return colon < 0 || expiry(username) < 0 ? username : username.substring(colon + 1);
    }

    /** The expiry in Unix seconds, or -1 when the username does not start with one. */
    static long expiry(String username) {
        int colon = username.indexOf(':');
        String head = colon < 0 ? username : username.substring(0, colon);
        if (head.isEmpty() || head.length() > 18 || !head.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(head);
    }
}
