package io.disco.turn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoncesTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final Nonces nonces = new Nonces(clock, Duration.ofMinutes(10));
    private final InetSocketAddress client = new InetSocketAddress("192.0.2.7", 40000);

    @Test
    void validUntilItsLifetimeThenStale() {
        String nonce = nonces.issue(client);
        assertTrue(nonce.matches("[0-9a-f]{40}"), nonce);
        assertEquals(NonceCheck.VALID, nonces.check(nonce, client));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(NonceCheck.VALID, nonces.check(nonce, client));
        clock.advance(Duration.ofMillis(1));
        assertEquals(NonceCheck.STALE, nonces.check(nonce, client));
        assertEquals(NonceCheck.VALID, nonces.check(nonces.issue(client), client));
    }

    @Test
    void boundToTheClientAddressAndThisProcess() {
        String nonce = nonces.issue(client);
        assertEquals(NonceCheck.FORGED, nonces.check(nonce, new InetSocketAddress("192.0.2.7", 40001)));
        assertEquals(NonceCheck.FORGED, nonces.check(nonce, new InetSocketAddress("192.0.2.8", 40000)));
        assertEquals(NonceCheck.FORGED, new Nonces(clock, Duration.ofMinutes(10)).check(nonce, client));
        assertEquals(NonceCheck.FORGED, nonces.check("f//499k954d6OL34oL9FSTvy64sA", client));
        char[] tampered = nonce.toCharArray();
        tampered[3] = tampered[3] == '0' ? '1' : '0';
        assertEquals(NonceCheck.FORGED, nonces.check(new String(tampered), client));
        assertNotEquals(nonce, nonces.issue(new InetSocketAddress("192.0.2.7", 40001)));
    }
}
