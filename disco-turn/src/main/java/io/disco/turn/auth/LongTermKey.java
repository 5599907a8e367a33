package io.disco.turn.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The long-term credential key of RFC 5389 §15.4: MD5(username ":" realm ":" password), the key of
 * every MESSAGE-INTEGRITY exchanged with that user.
 *
 * <p>SASLprep is not applied: it leaves ASCII names and passwords (every deployment we know of)
 * unchanged, and pion/turn, which this server replaces, did not apply it either.
 */
public final class LongTermKey {

    private LongTermKey() {
    }

    public static byte[] of(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
