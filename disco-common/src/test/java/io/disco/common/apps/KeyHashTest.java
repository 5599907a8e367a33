package io.disco.common.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-03-09T17:05:05Z");

    @Test
    void derivesAsPbkdf2HmacSha256() {
        // RFC 7914 section 11's PBKDF2-HMAC-SHA-256 vector ("passwd", "salt", 1 iteration).
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc",
                HexFormat.of().formatHex(KeyHash.derive("passwd", "salt", 1)));
    }

    @Test
    void matchesOnlyItsOwnKey() {
        AppKey key = AppKey.generate(RANDOM);
        KeyHash hash = KeyHash.of(key, RANDOM);
        assertTrue(hash.matches(key.text()));
        assertFalse(hash.matches(AppKey.generate(RANDOM).text()));
        assertFalse(hash.matches(key.text().substring(1)));
        assertNotEquals(hash.salt(), KeyHash.of(key, RANDOM).salt());
        assertEquals(43, key.text().length());
        assertFalse(key.toString().contains(key.text()));
    }

    @Test
    void theCraSecretIsTheDerivedKeyInBase64() {
        KeyHash hash = KeyHash.of(AppKey.generate(RANDOM), RANDOM);
        assertArrayEquals(hash.derived(), java.util.Base64.getDecoder().decode(hash.craSecret()));
    }

    @Test
    void aReplacedKeyWorksUntilItsGraceEnds() {
        AppKey first = AppKey.generate(RANDOM);
        App app = new App(new AppId("chat"), "Chat", NOW, List.of(KeyHash.of(first, RANDOM)));
        AppKey second = AppKey.generate(RANDOM);
        App rotated = app.withNewKey(KeyHash.of(second, RANDOM), NOW, NOW.plus(Duration.ofHours(24)));

        assertTrue(rotated.keyFor(first.text(), NOW.plus(Duration.ofHours(23))).isPresent());
        assertTrue(rotated.keyFor(first.text(), NOW.plus(Duration.ofHours(24))).isEmpty());
        assertTrue(rotated.keyFor(second.text(), NOW.plus(Duration.ofDays(400))).isPresent());

        AppKey third = AppKey.generate(RANDOM);
        App again = rotated.withNewKey(KeyHash.of(third, RANDOM), NOW.plus(Duration.ofHours(25)),
                NOW.plus(Duration.ofHours(49)));
        assertEquals(2, again.keys().size(), "the first key's grace is over: dropped");
    }

    @Test
    void anAppIdIsARealmUri() {
        assertEquals("com.example.chat", new AppId("com.example.chat").value());
        for (String bad : List.of("", "a..b", ".a", "a.", "a b", "a#b", "x".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> new AppId(bad), bad);
        }
    }
}
