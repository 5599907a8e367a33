package io.disco.common.apps;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What the server keeps of an {@link AppKey}: PBKDF2-HMAC-SHA256 of the key's text with a salt
 * of its own, and, once the key has been replaced, the instant it stops working. This is exactly
 * WAMP-CRA's salted key derivation (the salt sent base64, as Autobahn derives it), so one stored
 * value checks a bearer token and a WAMP ticket (derive and compare) and answers a WAMP-CRA
 * challenge (sign with {@link #craSecret()}), and the key itself is never stored.
 */
public record KeyHash(String salt, int iterations, byte[] derived, Optional<Instant> notAfter) {

    /** Keys are 256 random bits: the iterations guard a leaked store, not a weak password. */
    public static final int ITERATIONS = 1000;
    public static final int KEY_LENGTH = 32;
    private static final int SALT_BYTES = 16;

    public KeyHash {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(notAfter, "notAfter");
        if (iterations < 1 || derived.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a key hash needs iterations and a " + KEY_LENGTH + "-byte key");
        }
        derived = derived.clone();
    }

    /** The hash of a key just issued, with a fresh salt. */
    public static KeyHash of(AppKey key, SecureRandom random) {
        byte[] saltBytes = new byte[SALT_BYTES];
        random.nextBytes(saltBytes);
        String salt = Base64.getEncoder().encodeToString(saltBytes);
        return new KeyHash(salt, ITERATIONS, derive(key.text(), salt, ITERATIONS), Optional.empty());
    }

    /** This hash, for a key replaced by another, working until {@code end}. */
    public KeyHash expiringAt(Instant end) {
        return new KeyHash(salt, iterations, derived, Optional.of(end));
    }

    public boolean isValidAt(Instant now) {
        return notAfter.map(now::isBefore).orElse(true);
    }

    /** Whether {@code presented} is this key; compared in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(derived, derive(presented, salt, iterations));
    }

    /**
     * The key WAMP-CRA signs with: the derived key in base64, which a client computes from the
     * app key, the salt, the iterations and {@link #KEY_LENGTH} sent in the challenge.
     */
    public String craSecret() {
        return Base64.getEncoder().encodeToString(derived);
    }

    @Override
    public byte[] derived() {
        return derived.clone();
    }

    /** PBKDF2-HMAC-SHA256 over the UTF-8 of both texts, as WAMP-CRA's salted mode computes it. */
    static byte[] derive(String secret, String salt, int iterations) {
        // PBEKeySpec takes chars and the JDK's PBKDF2 encodes them as UTF-8.
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                KEY_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyHash that && salt.equals(that.salt) && iterations == that.iterations
                && MessageDigest.isEqual(derived, that.derived) && notAfter.equals(that.notAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(salt, iterations, notAfter);
    }

    @Override
    public String toString() {
        return "KeyHash[" + notAfter.map(end -> "until " + end).orElse("current") + "]";
    }
}
