package io.disco.turn.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnauthenticatedLimiterTest {

    @Test
    void burstThenSteadyRatePerSource() throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        UnauthenticatedLimiter limiter = new UnauthenticatedLimiter(clock, 4096, 10, 20);
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.tryAcquire(flooder), "burst " + i);
        }
        assertFalse(limiter.tryAcquire(flooder));
        assertTrue(limiter.tryAcquire(InetAddress.getByName("198.51.100.1")), "another source is not limited");
        clock.advance(Duration.ofMillis(100));
        assertTrue(limiter.tryAcquire(flooder), "one token back after 100 ms at 10/s");
        assertFalse(limiter.tryAcquire(flooder));
    }
}
