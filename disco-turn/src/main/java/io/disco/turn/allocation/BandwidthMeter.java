package io.disco.turn.allocation;

/**
 * A token bucket holding up to one second of an allocation's bandwidth: bursts up to that, a
 * steady rate at most that. Both relay threads spend from it (client to peer, peer to client),
 * so it takes a lock, uncontended in all but the busiest allocations.
 */
class BandwidthMeter {

    /** The meter of an allocation with no limit: spends nothing, refuses nothing. */
    static final BandwidthMeter UNMETERED = new BandwidthMeter(0) {
        @Override
        boolean spend(int bytes, long nowMillis) {
            return true;
        }
    };

    private final long bytesPerSecond;
    private long tokens;
    /** When the bucket was last topped up; none before the first packet, as it starts full. */
    private long refilledAtMillis;
    private boolean started;

    BandwidthMeter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
    }

    /** Takes {@code bytes} from the bucket; false (and nothing taken) when it holds too few. */
    synchronized boolean spend(int bytes, long nowMillis) {
        long elapsed = started ? nowMillis - refilledAtMillis : 0;
        started = true;
        refilledAtMillis = Math.max(refilledAtMillis, nowMillis);
        if (elapsed > 0) {
            tokens = Math.min(bytesPerSecond, tokens + elapsed * bytesPerSecond / 1000);
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
