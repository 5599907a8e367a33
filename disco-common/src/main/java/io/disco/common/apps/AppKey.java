package io.disco.common.apps;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret an application's clients present: 32 random bytes, written base64url without
 * padding (43 characters). The server shows a key once, when it issues it, and keeps only its
 * {@link KeyHash}.
 */
public final class AppKey {

    private static final int BYTES = 32;

    private final String text;

    private AppKey(String text) {
        this.text = text;
    }

    public static AppKey generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new AppKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The key as issued; what clients send as a bearer token, WAMP ticket or WAMP-CRA secret. */
    public String text() {
        return text;
    }

    /** Not the key: keys must not reach logs by accident. */
    @Override
    public String toString() {
        return "AppKey[hidden]";
    }
}
