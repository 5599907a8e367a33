package io.disco.api.metrics;

import java.time.Duration;

/**
 * The buckets of the API's latency histograms: fixed, so that each series has a dozen buckets
 * rather than Micrometer's seventy-odd, and the same on every node, so that they add up.
 */
final class LatencyBuckets {

    /** A request: from a cached read (well under a millisecond) to a client's timeout. */
    static final Duration[] REQUEST = micros(1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
            1000000, 2500000, 5000000, 10000000);

    /** A store call: memory in microseconds, a disk's commit or Redis's round trip in milliseconds. */
    static final Duration[] STORE = micros(50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000,
            250000, 1000000);

    private LatencyBuckets() {
    }

    private static Duration[] micros(long... bounds) {
        Duration[] buckets = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = Duration.ofNanos(bounds[i] * 1000);
        }
        return buckets;
    }
}
