package io.disco.api.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.net.IpLiteral;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private static final InetAddress ALICE = IpLiteral.parse("198.51.100.7");
    private static final InetAddress BOB = IpLiteral.parse("198.51.100.8");

    private Instant now = Instant.parse("2026-03-09T17:05:05Z");

    private final ClientBuckets buckets = new ClientBuckets(WriteRate.parse("20/s"), 100, 1000);

    private int takeAll(ClientBuckets buckets, InetAddress client) {
        int taken = 0;
        while (buckets.take(client, now) == 0) {
            taken++;
        }
        return taken;
    }

    @Test
    void aQuietClientMayWriteABurstThenAtTheRate() {
        assertEquals(100, takeAll(buckets, ALICE));
        assertEquals(50_000_000L, buckets.take(ALICE, now), "one write's worth of time until the next token");

        now = now.plusMillis(49);
        assertTrue(buckets.take(ALICE, now) > 0);
        now = now.plusMillis(1);
        assertEquals(0, buckets.take(ALICE, now));
        now = now.plusSeconds(1);
        assertEquals(20, takeAll(buckets, ALICE));
        now = now.plusSeconds(60);
        assertEquals(100, takeAll(buckets, ALICE), "the burst comes back, never more");
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        assertEquals(100, takeAll(buckets, ALICE));
        assertEquals(100, takeAll(buckets, BOB));
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertEquals(100, takeAll(buckets, IpLiteral.parse("2001:db8:1:2::1")));
        assertTrue(buckets.take(IpLiteral.parse("2001:db8:1:2:ffff::9"), now) > 0);
        assertEquals(0, buckets.take(IpLiteral.parse("2001:db8:1:3::1"), now));
    }

    @Test
    void bucketsThatFilledUpAgainAreDroppedSoTheTableDoesNotGrow() {
        for (int i = 0; i < 500; i++) {
            buckets.take(IpLiteral.parse("10.0." + (i / 256) + "." + (i % 256)), now);
        }
        assertEquals(500, buckets.size());
        now = now.plus(Duration.ofMinutes(2));
        buckets.take(ALICE, now);
        assertEquals(1, buckets.size());
    }

    @Test
    void whenTheTableIsFullOfBusyClientsNewcomersShareOneBucket() {
        ClientBuckets small = new ClientBuckets(WriteRate.parse("20/s"), 100, 10);
        for (int i = 0; i < 10; i++) {
            small.take(IpLiteral.parse("10.0.0." + i), now);
        }
        int newcomers = 0;
        for (int i = 0; i < 300; i++) {
            if (small.take(IpLiteral.parse("10.1." + (i / 256) + "." + (i % 256)), now) == 0) {
                newcomers++;
            }
        }
        assertEquals(100, newcomers, "many addresses, one burst among them");
        assertEquals(10, small.size());
        assertEquals(99, takeAll(small, IpLiteral.parse("10.0.0.3")), "known clients keep their own");

        now = now.plus(Duration.ofSeconds(6));
        assertEquals(0, small.take(IpLiteral.parse("10.0.2.1"), now));
        assertEquals(1, small.size(), "full buckets were dropped to make room");
    }
}
