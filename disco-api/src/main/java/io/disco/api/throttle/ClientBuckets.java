package io.disco.api.throttle;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client address. Each bucket is one number, the instant at which it will be
 * full again (the generic cell rate algorithm's form of a token bucket): a write moves it one
 * write's worth of time on, and is refused when that would put it more than a burst ahead of now.
 *
 * <p>Memory is bounded whatever the addresses: an IPv6 client is its /64, since one host may hold
 * a whole /64; a bucket that has filled up again is the same as none and is dropped; and the table
 * holds at most {@code maxClients} buckets. When it is full of busy clients, new addresses share
 * one bucket until room is made, so a flood from many addresses slows newcomers instead of
 * growing the heap or letting them write unlimited.
 */
final class ClientBuckets {

    static final int DEFAULT_MAX_CLIENTS = 65_536;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SWEEP_EVERY_NANOS = 60 * NANOS_PER_SECOND;
    private static final long SWEEP_WHEN_FULL_EVERY_NANOS = NANOS_PER_SECOND;

    private final long nanosPerWrite;
    private final long burstNanos;
    private final int maxClients;
    private final Map<Long, AtomicLong> ipv4 = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> ipv6 = new ConcurrentHashMap<>();
    private final AtomicLong newcomers = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastSweep = new AtomicLong();

    ClientBuckets(WriteRate rate, int burst, int maxClients) {
        if (rate.unlimited()) {
            throw new IllegalArgumentException("an unlimited rate needs no buckets");
        }
        this.nanosPerWrite = rate.nanosPerWrite();
        this.burstNanos = Math.multiplyExact(nanosPerWrite, (long) burst);
        this.maxClients = maxClients;
    }

    /**
     * Takes a token for one write of {@code client}'s.
     *
     * @return 0 when the write may go ahead, otherwise how many nanoseconds until it could
     */
    long take(InetAddress client, Instant now) {
        long at = nanos(now);
        AtomicLong bucket = bucketOf(client, at);
        while (true) {
            long full = bucket.get();
            long next = Math.max(full, at) + nanosPerWrite;
            long wait = next - at - burstNanos;
            if (wait > 0) {
                return wait;
            }
            if (bucket.compareAndSet(full, next)) {
                return 0;
            }
        }
    }

    /**
     * How long until {@code client} could take a token, without taking one: 0 when it may now.
     * Looks a bucket up as {@link #take} does, so a new address takes a table slot likewise.
     */
    long waitFor(InetAddress client, Instant now) {
        long at = nanos(now);
        long wait = Math.max(bucketOf(client, at).get(), at) + nanosPerWrite - at - burstNanos;
        return Math.max(0, wait);
    }

    /** A wait from {@link #take} or {@link #waitFor} in whole seconds, rounded up, for {@code Retry-After}. */
    static long seconds(long waitNanos) {
        return (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Buckets held now, for tests and for seeing that a flood does not grow them. */
    int size() {
        return ipv4.size() + ipv6.size();
    }

    private AtomicLong bucketOf(InetAddress client, long at) {
        Map<Long, AtomicLong> table;
        long key;
        byte[] bytes = client.getAddress();
        if (client instanceof Inet4Address) {
            table = ipv4;
            key = ByteBuffer.wrap(bytes).getInt() & 0xFFFF_FFFFL;
        } else {
            table = ipv6;
            key = ByteBuffer.wrap(bytes).getLong();
        }
        AtomicLong bucket = table.get(key);
        if (bucket != null) {
            return bucket;
        }
        boolean full = size() >= maxClients;
        long last = lastSweep.get();
        long sweepEvery = full ? SWEEP_WHEN_FULL_EVERY_NANOS : SWEEP_EVERY_NANOS;
        if (at - last >= sweepEvery && lastSweep.compareAndSet(last, at)) {
            sweep(at);
            full = size() >= maxClients;
        }
        // A few racing threads may each add one past the bound; it stays bounded by the threads.
        return full ? newcomers : table.computeIfAbsent(key, unused -> new AtomicLong(Long.MIN_VALUE));
    }

    /** Drops the buckets that are full again; a write racing the drop may go uncounted, once. */
    private void sweep(long at) {
        ipv4.values().removeIf(bucket -> bucket.get() <= at);
        ipv6.values().removeIf(bucket -> bucket.get() <= at);
    }

    private static long nanos(Instant now) {
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
    }
}
