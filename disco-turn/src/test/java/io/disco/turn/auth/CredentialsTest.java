package io.disco.turn.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.ice.TurnRestCredential;
import io.disco.common.testing.MutableClock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final long now = clock.instant().getEpochSecond();

    @Test
    void longTermKeyIsMd5OfUserRealmPassword() {
        // RFC 5389 §15.4's example: user, realm, pass.
        assertArrayEquals(HexFormat.of().parseHex("8493fbc53ba582fb4c044c456bdc40eb"),
                LongTermKey.of("user", "realm", "pass"));
    }

    @Test
    void staticUser() {
        Credentials credentials = new Credentials("test", "secret", "main",
                new TimeLimitedCredentials(List.of(), "main", clock));
        assertEquals(1, credentials.keys("test").size());
        assertArrayEquals(LongTermKey.of("test", "main", "secret"), credentials.keys("test").get(0));
        assertTrue(credentials.keys("other").isEmpty());
        assertTrue(credentials.keys(now + 60 + ":test").isEmpty(), "no secret, no time-limited users");
    }

    @Test
    void timeLimitedUserValidUntilExpiry() {
        TimeLimitedCredentials rest = new TimeLimitedCredentials(List.of("s3cret"), "main", clock);
        String username = (now + 60) + ":alice";
        String password = TurnRestCredential.password("s3cret", username);
        assertEquals(1, rest.keys(username).size());
        assertArrayEquals(LongTermKey.of(username, "main", password), rest.keys(username).get(0));
        assertEquals("alice", TimeLimitedCredentials.account(username));

        clock.advance(Duration.ofSeconds(60));
        assertTrue(rest.keys(username).isEmpty(), "expired");
    }

    @Test
    void timeLimitedUserWithoutUserPart() {
        TimeLimitedCredentials rest = new TimeLimitedCredentials(List.of("s3cret"), "main", clock);
        String username = Long.toString(now + 5);
        assertEquals(1, rest.keys(username).size());
        assertEquals(username, TimeLimitedCredentials.account(username));
        assertTrue(rest.keys("alice").isEmpty(), "not of the form expiry[:user]");
        assertTrue(rest.keys("12x:alice").isEmpty());
        assertTrue(rest.keys((now - 1) + ":alice").isEmpty());
    }

    @Test
    void rotatedSecretsBothWork() {
        String username = (now + 3600) + ":bob";
        byte[] oldKey = LongTermKey.of(username, "main", TurnRestCredential.password("old", username));
        byte[] newKey = LongTermKey.of(username, "main", TurnRestCredential.password("new", username));
        List<byte[]> keys = new TimeLimitedCredentials(List.of("new", "old"), "main", clock).keys(username);
        assertEquals(2, keys.size());
        assertArrayEquals(newKey, keys.get(0));
        assertArrayEquals(oldKey, keys.get(1));
        List<byte[]> afterRotation = new TimeLimitedCredentials(List.of("new"), "main", clock).keys(username);
        assertEquals(1, afterRotation.size());
        assertArrayEquals(newKey, afterRotation.get(0));
    }
}
