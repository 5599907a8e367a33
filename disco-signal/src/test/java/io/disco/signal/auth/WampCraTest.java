package io.disco.signal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.KeyHash;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * WAMP-CRA against answers computed apart from this code, with Python's standard library:
 * <pre>
 * derived = hashlib.pbkdf2_hmac('sha256', KEY.encode(), SALT.encode(), 1000, 32)
 * secret = base64.b64encode(derived).decode()
 * base64.b64encode(hmac.new(secret.encode(), CHALLENGE.encode(), hashlib.sha256).digest())
 * </pre>
 * and the same two values from Autobahn|JS's {@code auth_cra.derive_key} and {@code auth_cra.sign}.
 */
class WampCraTest {

    private static final String KEY = "qQ3vGf8m1m9W2Xc0kZp7rJt5yB4nL6sD8aE1uH0oIwY";
    private static final String SALT = "3q2+7wABAgMEBQYHCAkKCw==";
    private static final String SECRET = "qjYz4sbwR1YFCAkfcrV3wQFBqV9bohrC5suh7D4Ge64=";
    private static final String CHALLENGE = "{\"authid\":\"node-1\",\"authrole\":\"app\",\"authmethod\":\"wampcra\","
            + "\"authprovider\":\"disco\",\"nonce\":\"bm9uY2U\",\"timestamp\":\"2026-12-04T13:01:23.000Z\","
            + "\"session\":4503599627370495}";
    private static final String SIGNATURE = "w9yscPeRjXbAzVhbrfC7+RMo4yumWAyy0lDjI3QAfUs=";
    private static final Instant NOW = Instant.parse("2026-12-04T13:01:23Z");

    private static KeyHash key(Optional<Instant> notAfter) {
        return new KeyHash(SALT, 1000, Base64.getDecoder().decode(SECRET), notAfter);
    }

    private static KeyHash otherKey(Optional<Instant> notAfter) {
        return new KeyHash("b3RoZXIgc2FsdA==", 1000, new byte[KeyHash.KEY_LENGTH], notAfter);
    }

    private static App app(KeyHash... keys) {
        return new App(new AppId("com.example.chat"), "Chat", NOW, List.of(keys));
    }

    @Test
    void theStoredKeyIsWhatAutobahnDerivesFromTheAppKey() {
        assertEquals(SECRET, key(Optional.empty()).craSecret());
        assertTrue(app(key(Optional.empty())).keyFor(KEY, NOW).isPresent());
    }

    @Test
    void signsAsAutobahnDoes() {
        assertEquals(SIGNATURE, WampCra.sign(SECRET, CHALLENGE));
    }

    @Test
    void theChallengeIsTheSpecsJsonObject() {
        assertEquals(CHALLENGE, new CraChallenge("node-1", "app", "disco", "bm9uY2U", NOW, 4503599627370495L).text());
    }

    @Test
    void acceptsASignatureByAnyValidKeyOnly() {
        assertTrue(WampCra.isSignedByKeyOf(app(otherKey(Optional.empty()), key(Optional.of(NOW.plusSeconds(1)))),
                NOW, CHALLENGE, SIGNATURE), "a replaced key within its grace");
        assertFalse(WampCra.isSignedByKeyOf(app(otherKey(Optional.empty()), key(Optional.of(NOW))),
                NOW, CHALLENGE, SIGNATURE), "a replaced key past its grace");
        assertFalse(WampCra.isSignedByKeyOf(app(key(Optional.empty())), NOW, CHALLENGE.replace("node-1", "node-2"),
                SIGNATURE), "another challenge");
        assertFalse(WampCra.isSignedByKeyOf(app(otherKey(Optional.empty())), NOW, CHALLENGE, SIGNATURE),
                "another app's key");
    }

    @Test
    void theChallengeNamesTheCurrentKeysSalt() {
        KeyHash current = otherKey(Optional.empty());
        assertEquals(Optional.of(current), WampCra.saltedKey(app(key(Optional.of(NOW.plusSeconds(60))), current), NOW));
        KeyHash replaced = key(Optional.of(NOW.plusSeconds(60)));
        assertEquals(Optional.of(replaced), WampCra.saltedKey(app(replaced), NOW));
        assertEquals(Optional.empty(), WampCra.saltedKey(app(key(Optional.of(NOW))), NOW));
    }
}
