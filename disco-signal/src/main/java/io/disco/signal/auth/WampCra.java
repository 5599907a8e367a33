package io.disco.signal.auth;

import io.disco.common.apps.App;
import io.disco.common.apps.KeyHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WAMP-CRA with salted keys, as the WAMP spec's advanced profile defines it and Autobahn|JS
 * computes it ({@code auth_cra.derive_key}, then {@code auth_cra.sign}): the client derives the
 * key from its app key and the salt, iterations and key length the CHALLENGE carries, and signs
 * the challenge text with it. The derived key is what {@link KeyHash#craSecret()} holds, so the
 * router checks a signature without ever knowing the app key.
 */
public final class WampCra {

    private static final String HMAC = "HmacSHA256";

    private WampCra() {
    }

    /**
     * The signature of {@code challenge} under {@code secret}: base64 of HMAC-SHA256 keyed with
     * the secret's UTF-8 (Autobahn's derived key is a base64 string, and it signs with that text,
     * not with the bytes it encodes).
     */
    public static String sign(String secret, String challenge) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
        }
    }

    /**
     * Whether {@code signature} signs {@code challenge} with any key of {@code app} valid at
     * {@code now}: a client that kept the key derived before a rotation still signs with it.
     * Compared in constant time.
     */
    public static boolean isSignedByKeyOf(App app, Instant now, String challenge, String signature) {
        byte[] presented = signature.getBytes(StandardCharsets.UTF_8);
        boolean signed = false;
        for (KeyHash key : app.keys()) {
            if (key.isValidAt(now)) {
                signed |= MessageDigest.isEqual(sign(key.craSecret(), challenge).getBytes(StandardCharsets.UTF_8),
                        presented);
            }
        }
        return signed;
    }

    /**
     * The key whose salt a CHALLENGE names: the app's current key (the one not yet replaced), or,
     * if it has none, any key still valid. A CHALLENGE carries one salt, so a client holding only
     * a replaced app key cannot derive that key's secret from it: it joins by ticket instead.
     */
    public static Optional<KeyHash> saltedKey(App app, Instant now) {
        Optional<KeyHash> valid = Optional.empty();
        for (KeyHash key : app.keys()) {
            if (key.isValidAt(now)) {
                if (key.notAfter().isEmpty()) {
                    return Optional.of(key);
                }
                valid = valid.or(() -> Optional.of(key));
            }
        }
        return valid;
    }
}
