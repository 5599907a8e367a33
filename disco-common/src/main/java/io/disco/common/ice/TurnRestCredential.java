package io.disco.common.ice;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A time-limited TURN credential of the "TURN REST API" (coturn, eturnal): username
 * {@code expiry[:user]}, the expiry in Unix seconds, and password
 * {@code base64(HMAC-SHA1(secret, username))}. The web service that hands it out and the TURN
 * server that checks it share the secret and nothing else, so both compute the password here.
 */
public record TurnRestCredential(String username, String password) {

    public TurnRestCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The credential of {@code user} (none: the expiry alone) valid until {@code expiry}, signed with {@code secret}. */
    public static TurnRestCredential issue(String secret, Instant expiry, Optional<String> user) {
        String username = expiry.getEpochSecond() + user.map(name -> ":" + name).orElse("");
        return new TurnRestCredential(username, password(secret, username));
    }

    /** The password of {@code username} under {@code secret}, a text as {@code --auth-secret} gives it. */
    public static String password(String secret, String username) {
        return password(secret.getBytes(StandardCharsets.UTF_8), username);
    }

    /** The password of {@code username} under {@code secret}: what the TURN server recomputes. */
    public static String password(byte[] secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA1", e);
        }
    }
}
