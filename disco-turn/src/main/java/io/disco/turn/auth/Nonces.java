package io.disco.turn.auth;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: a nonce is its issue time and an HMAC over that time and the client's address
 * under a key drawn at start-up, so the server keeps nothing per source before a request
 * authenticates, a nonce cannot be moved to another client address, and nonces die with the
 * process. Written in hex (40 characters): RFC 5389 limits a NONCE to quoted-string characters.
 */
public final class Nonces {

    /** How long a nonce stays good; coturn's default as well. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private static final int TIME_BYTES = 8;
    private static final int MAC_BYTES = 12;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    private final Clock clock;
    private final long lifetimeMillis;

    public Nonces(Clock clock, Duration lifetime) {
        this(randomKey(), clock, lifetime);
    }

    Nonces(byte[] key, Clock clock, Duration lifetime) {
        this.key = key.clone();
        this.clock = clock;
        this.lifetimeMillis = lifetime.toMillis();
    }

    public String issue(InetSocketAddress client) {
        long now = clock.millis();
        byte[] nonce = ByteBuffer.allocate(TIME_BYTES + MAC_BYTES).putLong(now).put(mac(now, client)).array();
        return HEX.formatHex(nonce);
    }

    public NonceCheck check(String nonce, InetSocketAddress client) {
        if (nonce.length() != 2 * (TIME_BYTES + MAC_BYTES)) {
            return NonceCheck.FORGED;
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(nonce);
        } catch (IllegalArgumentException e) {
            return NonceCheck.FORGED;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long issued = buffer.getLong();
        byte[] mac = new byte[MAC_BYTES];
        buffer.get(mac);
        if (!MessageDigest.isEqual(mac, mac(issued, client))) {
            return NonceCheck.FORGED;
        }
        long age = clock.millis() - issued;
        // A nonce from the future is ours only if the clock stepped back; let it live out its lifetime.
        return age >= lifetimeMillis || age < -lifetimeMillis ? NonceCheck.STALE : NonceCheck.VALID;
    }

    private byte[] mac(long issued, InetSocketAddress client) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(ByteBuffer.allocate(TIME_BYTES).putLong(issued).array());
            mac.update(client.getAddress().getAddress());
            mac.update((byte) (client.getPort() >> 8));
            mac.update((byte) client.getPort());
            byte[] full = mac.doFinal();
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
