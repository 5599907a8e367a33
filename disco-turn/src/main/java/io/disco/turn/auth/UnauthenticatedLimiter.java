package io.disco.turn.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;

/**
 * Rate-limits the answers to unauthenticated requests (401, 438) per source address, so the server
 * cannot be used to reflect traffic at a spoofed address. A token bucket per address, in a fixed
 * table indexed by the address's hash: memory is bounded whatever the sources, and addresses that
 * collide share a bucket (they are limited together, never let through more).
 */
public final class UnauthenticatedLimiter {

    private final Clock clock;
    private final int mask;
    private final double perMilli;
    private final double burst;
    private final double[] tokens;
    private final long[] refilled;

    /**
     * @param slots     table size, rounded up to a power of two
     * @param perSecond answers allowed per second and address, steadily
     * @param burst     answers allowed at once
     */
    public UnauthenticatedLimiter(Clock clock, int slots, double perSecond, int burst) {
        int size = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        this.clock = clock;
        this.mask = size - 1;
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = new double[size];
        this.refilled = new long[size];
        Arrays.fill(tokens, burst);
    }

    public static UnauthenticatedLimiter standard(Clock clock) {
        return new UnauthenticatedLimiter(clock, 4096, 10, 20);
    }

    /** Takes a token for {@code source}; false when it has none left and must not be answered. */
    public synchronized boolean tryAcquire(InetAddress source) {
        int slot = spread(source.hashCode()) & mask;
        long now = clock.millis();
        long last = refilled[slot];
        double available = Math.min(burst, tokens[slot] + Math.max(0, now - last) * perMilli);
        refilled[slot] = now;
        if (available < 1) {
            tokens[slot] = available;
            return false;
        }
        tokens[slot] = available - 1;
        return true;
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
